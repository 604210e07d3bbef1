#!/usr/bin/env python3
"""Writes an AWS Price List offer file (JSON) in AWS's CSV flavour (test fixtures, issue 11).

The CSV flavour (../shared/reference/aws-price-list.md, "CSV flavour"): five preamble lines
("FormatVersion","v1.0", Disclaimer, Publication Date, Version, OfferCode), the header on line 6,
then one row per price dimension with the product's attributes repeated on every row; every
non-empty field quoted, empty fields unquoted, CRLF line ends. Attribute columns carry AWS's
display names ("Instance Type", "Pre Installed S/W", "usageType"). A Savings Plans offer file
becomes the Savings Plans CSV (its own header, one row per rate). Rows follow the products'
order, each product's on-demand rows before its Reserved ones.

    python3 tools/offer-json-to-csv.py tests/prices/AmazonEC2-ap-south-1.json > out.csv
"""
import json
import sys

TERM_COLUMNS = ["SKU", "OfferTermCode", "RateCode", "TermType", "PriceDescription",
                "EffectiveDate", "StartingRange", "EndingRange", "Unit", "PricePerUnit",
                "Currency", "RelatedTo", "LeaseContractLength", "PurchaseOption",
                "OfferingClass", "Product Family", "serviceCode"]
# AWS's column names for the attributes whose display name is not the JSON key in title case
NAMES = {
    "location": "Location", "locationType": "Location Type", "instanceType": "Instance Type",
    "vcpu": "vCPU", "usagetype": "usageType", "operation": "operation",
    "capacitystatus": "CapacityStatus", "marketoption": "MarketOption",
    "preInstalledSw": "Pre Installed S/W", "regionCode": "Region Code",
    "servicename": "serviceName", "fromRegionCode": "From Region Code",
    "toRegionCode": "To Region Code",
}
SP_COLUMNS = ["SKU", "RateCode", "Unit", "EffectiveDate", "DiscountedRate", "Currency",
              "DiscountedSKU", "DiscountedServiceCode", "DiscountedUsageType",
              "DiscountedOperation", "PurchaseOption", "LeaseContractLength",
              "LeaseContractLengthUnit", "ServiceCode", "UsageType", "Operation", "Description",
              "Instance Family", "Location", "Location Type", "Granularity", "Product Family",
              "DiscountedRegionCode", "DiscountedInstanceType"]


def title(key):
    if key in NAMES:
        return NAMES[key]
    out = ""
    for i, c in enumerate(key):
        if c.isupper() and i > 0:
            out += " "
        out += c.upper() if i == 0 else c
    return out


def field(value):
    if value is None or value == "":
        return ""
    return '"' + str(value).replace('"', '""') + '"'


def row(out, values):
    out.write(",".join(field(v) for v in values) + "\r\n")


def preamble(out, offer):
    row(out, ["FormatVersion", offer.get("formatVersion", "v1.0")])
    row(out, ["Disclaimer", offer.get("disclaimer", "This pricing list is for informational "
                                                    "purposes only.")])
    row(out, ["Publication Date", offer.get("publicationDate", "")])
    row(out, ["Version", offer.get("version", "")])
    row(out, ["OfferCode", offer.get("offerCode", "AWSComputeSavingsPlan")])


def offer_csv(out, offer):
    attributes = []
    for product in offer["products"].values():
        for key in product.get("attributes", {}):
            if key != "servicecode" and key not in attributes:
                attributes.append(key)
    preamble(out, offer)
    row(out, TERM_COLUMNS + [title(a) for a in attributes])
    terms = offer.get("terms", {})
    for sku, product in offer["products"].items():
        attrs = product.get("attributes", {})
        tail = [product.get("productFamily", ""), attrs.get("servicecode", offer["offerCode"])]
        tail += [attrs.get(a, "") for a in attributes]
        for term_type in ("OnDemand", "Reserved"):
            for term in terms.get(term_type, {}).get(sku, {}).values():
                ta = term.get("termAttributes", {})
                for dim in term["priceDimensions"].values():
                    currency, price = next(iter(dim["pricePerUnit"].items()))
                    row(out, [sku, term.get("offerTermCode", ""), dim["rateCode"], term_type,
                              dim.get("description", ""), term.get("effectiveDate", "")[:10],
                              dim.get("beginRange", ""), dim.get("endRange", ""), dim["unit"],
                              price, currency, "", ta.get("LeaseContractLength", ""),
                              ta.get("PurchaseOption", ""), ta.get("OfferingClass", "")] + tail)


def savings_csv(out, offer):
    products = {p["sku"]: p for p in offer["products"]}
    preamble(out, offer)
    row(out, SP_COLUMNS)
    for term in offer["terms"]["savingsPlan"]:
        plan = products.get(term["sku"], {})
        attrs = plan.get("attributes", {})
        lease = term.get("leaseContractLength", {})
        for rate in term["rates"]:
            row(out, [term["sku"], rate["rateCode"], rate["unit"],
                      term.get("effectiveDate", ""), rate["discountedRate"]["price"],
                      rate["discountedRate"]["currency"], rate["discountedSku"],
                      rate["discountedServiceCode"], rate["discountedUsageType"],
                      rate["discountedOperation"], attrs.get("purchaseOption", ""),
                      lease.get("duration", ""), lease.get("unit", ""),
                      plan.get("serviceCode", ""), plan.get("usageType", ""),
                      plan.get("operation", ""), term.get("description", ""),
                      attrs.get("instanceType", ""), attrs.get("location", ""),
                      attrs.get("locationType", ""), attrs.get("granularity", ""),
                      plan.get("productFamily", ""), rate.get("discountedRegionCode", ""),
                      rate.get("discountedInstanceType", "")])


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        offer = json.load(f)
    out = sys.stdout
    if isinstance(offer.get("products"), list):
        savings_csv(out, offer)
    else:
        offer_csv(out, offer)


if __name__ == "__main__":
    main()
