export { hsdsRoutes, HSDS_VERSION, HSDS_PROFILE } from "./hsds.routes.js";
export {
  importHsds, readHsdsPath, sourceFromFiles, sourceFromJson, HsdsSourceError,
  type HsdsImportReport, type HsdsImportSource, type HsdsFailureCode,
} from "./hsds-import.service.js";
export {
  importHsdsUpload, HSDS_UPLOAD_FIELD, HSDS_UPLOAD_MAX_BYTES, HSDS_UPLOAD_MAX_FILES, type HsdsUploadError, type HsdsUploadResult,
} from "./hsds-upload.service.js";
export { exportHsdsJson, exportHsdsCsvPackage, iterateHsdsServices, type ExportOptions } from "./hsds-export.service.js";
export { getHsdsService, listHsdsServices, loadHsdsServices } from "./hsds-read.service.js";
