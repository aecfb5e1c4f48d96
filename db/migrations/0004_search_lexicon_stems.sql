ALTER TABLE "search_lexicon" ADD COLUMN "stem" text DEFAULT '' NOT NULL;--> statement-breakpoint
CREATE INDEX "search_lexicon_stem_idx" ON "search_lexicon" USING btree ("stem" text_pattern_ops);