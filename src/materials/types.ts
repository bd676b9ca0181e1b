/** One item of a workflow's material catalog (材料清单): a paper the application needs, with its legal basis. */
export interface MaterialItem {
  code: string;
  name: string;
  basis: string;
  /** The departments that read it (the window hands it on). */
  departments: string[];
  /** A JSON Schema the case's form must satisfy for the item to be required; absent means always. */
  requiredWhen?: Record<string, unknown>;
  /** May follow after acceptance under a written pledge (容缺受理). */
  pledgeable: boolean;
  /** The media types accepted, judged from the content, never from the name or the header. */
  mediaTypes: string[];
  maxBytes: number;
  /** Electronic licence types that may be cited instead of a file (电子证照免提交). */
  licenceTypes?: string[];
}

/** The body an admin publishes for one workflow. */
export interface MaterialCatalogBody {
  source?: string;
  items: MaterialItem[];
}

/** A published version of a workflow's catalog. */
export interface MaterialCatalog extends MaterialCatalogBody {
  workflow: string;
  version: number;
  publishedAt: string;
}

/** A catalog item the form requires, as {@link requiredMaterials} lists it. */
export type RequiredMaterial = MaterialItem;

/** A material handed in on a case: a file (hash, size, type) or a cited electronic licence. */
export interface MaterialRecord {
  id: string;
  applicationId: string;
  code: string;
  fileName: string | null;
  mediaType: string | null;
  bytes: number | null;
  sha256: string | null;
  licence: string | null;
  /** The case it was first handed in on, when it is reused. */
  reusedFrom: { applicationId: string; materialId: string } | null;
  uploadedAt: string;
  uploadedBy: string;
  onBehalfOf: string | null;
  /** The seq of the audit record that added it. */
  addedSeq: number;
}
