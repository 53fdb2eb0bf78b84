//! What the simulator knows about each entity: its fields (generated from the published Swagger
//! spec), which of them are required or read-only, its picklists, and which verbs its routes allow.

mod fields;

/// A field's wire type, as the Swagger spec declares it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ty {
    Int32,
    Int64,
    /// Declared `number/double` by the spec; the simulator computes with `rust_decimal`.
    Decimal,
    Bool,
    Str,
    DateTime,
}

impl Ty {
    /// The `dataType` word that `entityInformation/fields` reports.
    pub fn data_type(self) -> &'static str {
        match self {
            Ty::Int32 => "integer",
            Ty::Int64 => "long",
            Ty::Decimal => "decimal",
            Ty::Bool => "boolean",
            Ty::Str => "string",
            Ty::DateTime => "datetime",
        }
    }
}

/// The verbs allowed on an entity's root routes (`/V1.0/{Entity}...`), per the reference's verb matrix.
#[derive(Debug, Clone, Copy)]
pub struct Verbs {
    pub create: bool,
    pub update: bool,
    pub query: bool,
    pub delete: bool,
}

pub struct Entity {
    /// Name as it appears in URLs, e.g. `Companies`.
    pub name: &'static str,
    /// The Swagger definition the fields come from.
    pub model: &'static str,
    pub fields: &'static [(&'static str, Ty)],
    /// Fields the vendor documents but the published spec omits.
    pub extra_fields: &'static [(&'static str, Ty)],
    pub required: &'static [&'static str],
    /// Fields a create or update silently ignores (the reference: read-only input is ignored, not refused).
    pub read_only: &'static [&'static str],
    /// Fields settable on create but ignored on update.
    pub create_only: &'static [&'static str],
    pub root: Verbs,
    pub has_udfs: bool,
    /// Whether entityInformation reports the entity as creatable at all (via a parent counts).
    pub creatable_anywhere: bool,
    pub updatable_anywhere: bool,
    pub deletable_anywhere: bool,
    /// Field name -> entity it references, for field metadata.
    pub references: &'static [(&'static str, &'static str)],
    /// Fields refused in filters (the vendor lists a few per entity).
    pub not_queryable: &'static [&'static str],
}

impl Entity {
    /// All fields in wire order: the spec's, then documented extras.
    pub fn all_fields(&self) -> impl Iterator<Item = (&'static str, Ty)> + '_ {
        self.fields.iter().chain(self.extra_fields.iter()).copied()
    }

    /// Looks a field up by name, ignoring letter case (the service binds input case-insensitively).
    pub fn field(&self, name: &str) -> Option<(&'static str, Ty)> {
        self.all_fields()
            .find(|(f, _)| f.eq_ignore_ascii_case(name))
    }

    pub fn is_read_only(&self, field: &str) -> bool {
        field == "id" || self.read_only.contains(&field)
    }
}

const READ: Verbs = Verbs {
    create: false,
    update: false,
    query: true,
    delete: false,
};
const CRU: Verbs = Verbs {
    create: true,
    update: true,
    query: true,
    delete: false,
};

pub static COMPANIES: Entity = Entity {
    name: "Companies",
    model: "CompanyModel",
    fields: fields::COMPANIES,
    extra_fields: &[],
    required: &["companyName", "companyType", "ownerResourceID", "phone"],
    read_only: &[
        "createDate",
        "lastActivityDate",
        "lastTrackedModifiedDateTime",
        "isTaskFireActive",
        "isClientPortalActive",
        "surveyCompanyRating",
        "createdByResourceID",
        "impersonatorCreatorResourceID",
        "apiVendorID",
    ],
    create_only: &[],
    root: CRU,
    has_udfs: true,
    creatable_anywhere: true,
    updatable_anywhere: true,
    deletable_anywhere: false,
    references: &[
        ("ownerResourceID", "Resource"),
        ("parentCompanyID", "Company"),
    ],
    not_queryable: &["assetValue"],
};

pub static CONTACTS: Entity = Entity {
    name: "Contacts",
    model: "ContactModel",
    fields: fields::CONTACTS,
    extra_fields: &[],
    required: &["companyID", "firstName", "lastName", "isActive"],
    read_only: &[
        "createDate",
        "lastActivityDate",
        "lastModifiedDate",
        "impersonatorCreatorResourceID",
        "apiVendorID",
    ],
    create_only: &["companyID"],
    root: READ,
    has_udfs: true,
    creatable_anywhere: true,
    updatable_anywhere: true,
    deletable_anywhere: true,
    references: &[("companyID", "Company")],
    not_queryable: &[
        "isOptedOutFromBulkEmail",
        "solicitationOptOut",
        "surveyOptOut",
    ],
};

pub static CONTRACTS: Entity = Entity {
    name: "Contracts",
    model: "ContractModel",
    fields: fields::CONTRACTS,
    extra_fields: &[],
    required: &[
        "companyID",
        "contractName",
        "contractType",
        "startDate",
        "endDate",
        "status",
        "timeReportingRequiresStartAndStopTimes",
    ],
    read_only: &[
        "contractPeriodType",
        "exclusionContractID",
        "internalCurrencyOverageBillingRate",
        "internalCurrencySetupFee",
    ],
    create_only: &["companyID", "contractType"],
    root: CRU,
    has_udfs: true,
    creatable_anywhere: true,
    updatable_anywhere: true,
    deletable_anywhere: false,
    references: &[("companyID", "Company"), ("contactID", "Contact")],
    not_queryable: &[],
};

pub static SERVICES: Entity = Entity {
    name: "Services",
    model: "ServiceModel",
    fields: fields::SERVICES,
    extra_fields: &[],
    required: &["billingCodeID", "name", "periodType", "unitPrice"],
    read_only: &[
        "createDate",
        "creatorResourceID",
        "lastModifiedDate",
        "markupRate",
        "updateResourceID",
    ],
    create_only: &[],
    root: CRU,
    has_udfs: true,
    creatable_anywhere: true,
    updatable_anywhere: true,
    deletable_anywhere: false,
    references: &[("billingCodeID", "BillingCode")],
    not_queryable: &[],
};

pub static CONTRACT_SERVICES: Entity = Entity {
    name: "ContractServices",
    model: "ContractServiceModel",
    fields: fields::CONTRACTSERVICES,
    // The vendor's entity page and the SOAP metadata both carry adjustedPrice; the published
    // spec's model omits it (reference §8.5, open question 9). We return it.
    extra_fields: &[("adjustedPrice", Ty::Decimal)],
    required: &["contractID", "serviceID"],
    read_only: &[
        "unitPrice",
        "quoteItemID",
        "internalCurrencyAdjustedPrice",
        "internalCurrencyUnitPrice",
    ],
    create_only: &["contractID", "serviceID", "unitCost", "internalDescription"],
    root: READ,
    has_udfs: false,
    creatable_anywhere: true,
    updatable_anywhere: true,
    deletable_anywhere: false,
    references: &[("contractID", "Contract"), ("serviceID", "Service")],
    not_queryable: &[],
};

pub static CONTRACT_SERVICE_ADJUSTMENTS: Entity = Entity {
    name: "ContractServiceAdjustments",
    model: "ContractServiceAdjustmentModel",
    fields: fields::CONTRACTSERVICEADJUSTMENTS,
    extra_fields: &[],
    required: &["effectiveDate"],
    read_only: &["quoteItemID"],
    create_only: &[],
    root: Verbs {
        create: true,
        update: false,
        query: false,
        delete: false,
    },
    has_udfs: false,
    creatable_anywhere: true,
    updatable_anywhere: false,
    deletable_anywhere: false,
    references: &[
        ("contractID", "Contract"),
        ("contractServiceID", "ContractService"),
        ("serviceID", "Service"),
    ],
    not_queryable: &[],
};

pub static CONTRACT_SERVICE_UNITS: Entity = Entity {
    name: "ContractServiceUnits",
    model: "ContractServiceUnitModel",
    fields: fields::CONTRACTSERVICEUNITS,
    extra_fields: &[],
    required: &[],
    read_only: &[],
    create_only: &[],
    root: READ,
    has_udfs: false,
    creatable_anywhere: false,
    updatable_anywhere: false,
    deletable_anywhere: false,
    references: &[
        ("contractID", "Contract"),
        ("contractServiceID", "ContractService"),
        ("serviceID", "Service"),
    ],
    not_queryable: &[],
};

pub static BILLING_CODES: Entity = Entity {
    name: "BillingCodes",
    model: "BillingCodeModel",
    fields: fields::BILLINGCODES,
    extra_fields: &[],
    required: &[],
    read_only: &[],
    create_only: &[],
    root: READ,
    has_udfs: false,
    creatable_anywhere: false,
    updatable_anywhere: false,
    deletable_anywhere: false,
    references: &[],
    not_queryable: &[],
};

pub static RESOURCES: Entity = Entity {
    name: "Resources",
    model: "ResourceModel",
    fields: fields::RESOURCES,
    extra_fields: &[],
    required: &["firstName", "lastName", "email", "userName"],
    read_only: &["userName", "licenseType", "resourceType", "userType"],
    create_only: &[],
    root: Verbs {
        create: false,
        update: true,
        query: true,
        delete: false,
    },
    has_udfs: true,
    creatable_anywhere: false,
    updatable_anywhere: true,
    deletable_anywhere: false,
    references: &[],
    not_queryable: &[],
};

pub static ENTITIES: [&Entity; 9] = [
    &COMPANIES,
    &CONTACTS,
    &CONTRACTS,
    &SERVICES,
    &CONTRACT_SERVICES,
    &CONTRACT_SERVICE_ADJUSTMENTS,
    &CONTRACT_SERVICE_UNITS,
    &BILLING_CODES,
    &RESOURCES,
];

/// Finds an entity by its URL name, in any letter case.
pub fn entity(name: &str) -> Option<&'static Entity> {
    ENTITIES
        .iter()
        .copied()
        .find(|e| e.name.eq_ignore_ascii_case(name))
}

/// A child collection reachable under a parent: `/V1.0/{parent}/{id}/{segment}`.
pub struct ChildRoute {
    pub parent: &'static Entity,
    pub segment: &'static str,
    pub child: &'static Entity,
    /// The child's field that holds the parent's id.
    pub parent_field: &'static str,
    pub list: bool,
    pub get_one: bool,
    pub create: bool,
    pub update: bool,
    pub delete: bool,
}

pub static CHILD_ROUTES: [ChildRoute; 4] = [
    ChildRoute {
        parent: &COMPANIES,
        segment: "Contacts",
        child: &CONTACTS,
        parent_field: "companyID",
        list: true,
        get_one: true,
        create: true,
        update: true,
        delete: true,
    },
    ChildRoute {
        parent: &CONTRACTS,
        segment: "Services",
        child: &CONTRACT_SERVICES,
        parent_field: "contractID",
        list: true,
        get_one: true,
        create: true,
        update: true,
        delete: false,
    },
    ChildRoute {
        parent: &CONTRACTS,
        segment: "ServiceAdjustments",
        child: &CONTRACT_SERVICE_ADJUSTMENTS,
        parent_field: "contractID",
        list: false,
        get_one: false,
        create: true,
        update: false,
        delete: false,
    },
    ChildRoute {
        parent: &CONTRACTS,
        segment: "ServiceUnits",
        child: &CONTRACT_SERVICE_UNITS,
        parent_field: "contractID",
        list: true,
        get_one: true,
        create: false,
        update: false,
        delete: false,
    },
];

pub fn child_route(parent: &str, segment: &str) -> Option<&'static ChildRoute> {
    CHILD_ROUTES.iter().find(|r| {
        r.parent.name.eq_ignore_ascii_case(parent) && r.segment.eq_ignore_ascii_case(segment)
    })
}

/// A picklist value: (value, label, is active).
pub type Pick = (i64, &'static str, bool);

/// Picklists of the simulated tenant. Only contractType 7 = Recurring Service, companyType
/// 1 = Customer and Contracts.status 1 = active are documented values; the other numbers are
/// this simulator's choice (reference §13 q1), so clients must resolve them by label.
pub fn picklist(entity: &str, field: &str) -> Option<&'static [Pick]> {
    Some(match (entity, field) {
        ("Companies", "companyType") => &[
            (1, "Customer", true),
            (2, "Lead", true),
            (3, "Prospect", true),
            (4, "Dead", true),
            (5, "Cancellation", true),
            (6, "Vendor", true),
            (7, "Partner", true),
        ],
        ("Contracts", "contractType") => &[
            (1, "Time and Materials", true),
            (3, "Fixed Price", true),
            (4, "Block Hours", true),
            (6, "Retainer", true),
            (7, "Recurring Service", true),
            (8, "Per Ticket", true),
        ],
        ("Contracts", "status") => &[(0, "Inactive", true), (1, "Active", true)],
        ("Contracts", "timeReportingRequiresStartAndStopTimes") => {
            &[(0, "No", true), (1, "Yes", true)]
        }
        ("Contracts", "contractPeriodType") => &[
            (1, "Monthly", true),
            (2, "Quarterly", true),
            (3, "Semi-Annual", true),
            (4, "Yearly", true),
        ],
        ("Contracts", "billingPreference") => &[
            (1, "Manual", true),
            (2, "Reconcile Billing", true),
            (3, "Timesheet Approval", true),
        ],
        ("Services", "periodType") => &[
            (1, "Monthly", true),
            (2, "Quarterly", true),
            (3, "Semi-Annual", true),
            (4, "Yearly", true),
        ],
        ("BillingCodes", "billingCodeType") => &[
            (1, "Work Type", true),
            (2, "Material", true),
            (3, "Internal Time", true),
            (4, "Expense Category", true),
            (5, "Recurring Contract Service", true),
            (6, "Milestone", true),
        ],
        ("Resources", "licenseType") => &[(1, "Administrator", true), (7, "API User", true)],
        _ => return None,
    })
}

pub const RECURRING_SERVICE: i64 = 7;
pub const CUSTOMER: i64 = 1;
pub const RECURRING_CONTRACT_SERVICE_CODE: i64 = 5;
