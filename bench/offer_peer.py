#!/usr/bin/env python3
"""The Python peer of `ecsplan prices import` (issue 11): the same import of an AmazonEC2 offer
file, written the way most tools do it: json.load the whole file, then filter. It keeps the
on-demand Linux shared used BoxUsage rows of one region and prints how many it kept."""
import json
import sys


def main():
    path, region = sys.argv[1], sys.argv[2]
    with open(path) as f:
        offer = json.load(f)
    wanted = {}
    for sku, product in offer["products"].items():
        a = product.get("attributes", {})
        if (product.get("productFamily") in ("Compute Instance", "Compute Instance (bare metal)")
                and a.get("operatingSystem") == "Linux" and a.get("tenancy") == "Shared"
                and a.get("preInstalledSw") == "NA" and a.get("capacitystatus") == "Used"
                and a.get("licenseModel") == "No License required"
                and "BoxUsage" in a.get("usagetype", "") and a.get("regionCode") == region):
            wanted[sku] = a["instanceType"]
    prices = {}
    for sku, terms in offer["terms"]["OnDemand"].items():
        if sku not in wanted:
            continue
        for term in terms.values():
            for dimension in term["priceDimensions"].values():
                prices.setdefault(wanted[sku], dimension["pricePerUnit"]["USD"])
    print("%d instance prices for %s" % (len(prices), region))


if __name__ == "__main__":
    main()
