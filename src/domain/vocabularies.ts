// The closed lists of the service, each defined once: the values stored in the database, accepted
// by the API and forms (zod enums are made from these tuples), and labelled in the message
// catalogue, whose label maps are typed by them so that a value without a label fails the build.
// A stored value never changes: add a value, never rename one (rows and exports keep the old).

/** The languages of the service: Vietnamese is the default and the reference, English a second language. */
export const LOCALES = ["vi", "en"] as const;

/** How a business is registered. */
export const LEGAL_FORMS = ["company", "cooperative", "household"] as const;
/** The field of activity that sets the Decree 80 size thresholds. */
export const ACTIVITY_GROUPS = ["agriculture", "industry", "trade_services"] as const;
/** The sectors the province follows and whose question modules exist. */
export const SECTORS = ["ocop", "tourism", "border_trade", "other"] as const;
/** Decree 80 size classes; `large` is outside the SME scheme but still assessed. */
export const SIZE_CLASSES = ["micro", "small", "medium", "large"] as const;
/** What a size class was worked out from: staff and money, or staff alone when money was not given. */
export const SIZE_BASES = ["staff_and_money", "staff_only"] as const;

/** An assessment is a draft until submitted; submitted answers no longer change by the owner's hand. */
export const ASSESSMENT_STATUSES = ["draft", "submitted"] as const;
/** Taken by the owner alone, or guided by an advisor with the owner present. */
export const ASSESSMENT_METHODS = ["self", "guided"] as const;
/** Answers captured away from the live service: typed from a paper form, or from the offline app. */
export const CAPTURE_KINDS = ["paper", "offline"] as const;

/** What an owner's consent is asked for. */
export const CONSENT_PURPOSES = ["report", "statistics", "contact"] as const;
/** How a consent was given: on screen, or read out in person by an advisor. */
export const CONSENT_METHODS = ["online", "in_person"] as const;

/** Staff roles; owners have no account. */
export const STAFF_ROLES = ["advisor", "department", "admin"] as const;

/** Support the province records as delivered to a business. */
export const SUPPORT_TYPES = ["consultation", "training", "platform_subsidy", "einvoice_free_period", "provider_connection", "other"] as const;

/** How an owner asks to be contacted about a step of the plan. */
export const ADVICE_CHANNELS = ["phone", "zalo", "email"] as const;
/** An advice request's life: new, then taken by an advisor, then done or dropped. */
export const ADVICE_REQUEST_STATUSES = ["new", "in_progress", "done", "cancelled"] as const;

export type Locale = (typeof LOCALES)[number];
export type LegalForm = (typeof LEGAL_FORMS)[number];
export type ActivityGroup = (typeof ACTIVITY_GROUPS)[number];
export type Sector = (typeof SECTORS)[number];
export type SizeClass = (typeof SIZE_CLASSES)[number];
export type SizeBasis = (typeof SIZE_BASES)[number];
export type AssessmentStatus = (typeof ASSESSMENT_STATUSES)[number];
export type AssessmentMethod = (typeof ASSESSMENT_METHODS)[number];
export type CaptureKind = (typeof CAPTURE_KINDS)[number];
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];
export type ConsentMethod = (typeof CONSENT_METHODS)[number];
export type StaffRole = (typeof STAFF_ROLES)[number];
export type SupportType = (typeof SUPPORT_TYPES)[number];
export type AdviceChannel = (typeof ADVICE_CHANNELS)[number];
export type AdviceRequestStatus = (typeof ADVICE_REQUEST_STATUSES)[number];
