#!/usr/bin/env python3
"""Writes tests/data/swagger-subset.json: the parts of the published Autotask Swagger spec the
simulator serves (entity models, result envelopes, and the verbs of their paths), so the
conformance test runs from a clean clone without the 4 MB spec. Run from the crate folder:
    python3 tools/extract_swagger.py ../../../../shared/reference/autotask-swagger-v1.json > tests/data/swagger-subset.json
"""
import json
import sys

MODELS = [
    "CompanyModel", "ContactModel", "ContractModel", "ServiceModel", "ContractServiceModel",
    "ContractServiceAdjustmentModel", "ContractServiceUnitModel", "BillingCodeModel", "ResourceModel",
    "ZoneInformationResultModel", "ApiVersionResultModel", "QueryCountResultModel",
    "ThresholdStatusResultModel", "EntityInformationModel", "FieldInformationModel",
    "OperationResultModel", "UserDefinedField", "Field", "PickListValue", "EntityInformationResultModel",
    "FieldInformationResultModel", "UserDefinedFieldInformationResultModel",
]
ENTITIES = ["Companies", "Contacts", "Contracts", "Services", "ContractServices",
            "ContractServiceAdjustments", "ContractServiceUnits", "BillingCodes", "Resources"]


def main():
    spec = json.load(open(sys.argv[1]))
    out = {"definitions": {}, "paths": {}}
    for name in MODELS:
        d = spec["definitions"][name]
        out["definitions"][name] = {
            k: {kk: vv for kk, vv in v.items() if kk in ("type", "format", "$ref", "items")}
            for k, v in d.get("properties", {}).items()
            if k != "SoapParentPropertyId"
        }
    for path, ops in spec["paths"].items():
        first = path.split("/")[2] if path.count("/") >= 2 else ""
        if first in ENTITIES or first in ("ZoneInformation", "ThresholdInformation"):
            out["paths"][path] = sorted(op.upper() for op in ops)
    json.dump(out, sys.stdout, indent=1, sort_keys=True)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
