-- HSDS read API (src/modules/hsds): the public listing in name order, the proximity box on
-- locations, and the batched loading of what hangs from a page of services.
CREATE INDEX IF NOT EXISTS services_public_name_idx ON services (name, id) WHERE status IN ('active', 'temporarily closed');
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS locations_lat_lng_idx ON locations (latitude, longitude) WHERE latitude IS NOT NULL AND longitude IS NOT NULL;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS schedules_sal_idx ON schedules (service_at_location_id) WHERE service_at_location_id IS NOT NULL;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS phones_contact_idx ON phones (contact_id) WHERE contact_id IS NOT NULL;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS phones_location_idx ON phones (location_id) WHERE location_id IS NOT NULL;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS contacts_organization_idx ON contacts (organization_id) WHERE organization_id IS NOT NULL;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS required_documents_service_idx ON required_documents (service_id);
