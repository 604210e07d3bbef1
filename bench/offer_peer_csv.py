#!/usr/bin/env python3
"""The Python peer of `ecsplan prices import` on the CSV flavour (issue 11): the same import of
an AmazonEC2 offer file in CSV, written the way a careful Python tool does it: the standard
library's streaming csv.reader (it never holds the file), the header mapped by name, the same
filter. It keeps the on-demand Linux shared used BoxUsage rows of one region and prints how
many it kept."""
import csv
import sys


def main():
    path, region = sys.argv[1], sys.argv[2]
    prices = {}
    with open(path, newline="", encoding="utf-8") as f:
        rows = csv.reader(f)
        for _ in range(5):
            next(rows)
        header = next(rows)
        col = {name: i for i, name in enumerate(header)}
        c_family, c_os, c_tenancy = col["Product Family"], col["Operating System"], col["Tenancy"]
        c_sw, c_cap, c_lic = col["Pre Installed S/W"], col["CapacityStatus"], col["License Model"]
        c_usage, c_region, c_type = col["usageType"], col["Region Code"], col["Instance Type"]
        c_term, c_price = col["TermType"], col["PricePerUnit"]
        for row in rows:
            if (row[c_term] == "OnDemand"
                    and row[c_family] in ("Compute Instance", "Compute Instance (bare metal)")
                    and row[c_os] == "Linux" and row[c_tenancy] == "Shared" and row[c_sw] == "NA"
                    and row[c_cap] == "Used" and row[c_lic] == "No License required"
                    and "BoxUsage" in row[c_usage] and row[c_region] == region):
                prices.setdefault(row[c_type], row[c_price])
    print("%d instance prices for %s" % (len(prices), region))


if __name__ == "__main__":
    main()
