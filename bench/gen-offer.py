#!/usr/bin/env python3
"""Writes an AmazonEC2-like Price List bulk offer file in AWS's real format (issue 11, bench).

The shape follows ../shared/reference/aws-price-list.md §1: formatVersion, offerCode, version,
publicationDate, then "products" (one object per SKU with productFamily and attributes), then
"terms" with OnDemand and Reserved terms (Reserved take most of the bytes, as in AWS's files).
Products mix the rows the importer must skip (Windows, RHEL, dedicated, unused capacity
reservations, other regions) with the on-demand Linux shared rows it keeps. Same arguments,
same bytes. Written as a stream: the generator never holds the file either.

    python3 bench/gen-offer.py --megabytes 450 -o AmazonEC2.json
    python3 bench/gen-offer.py --megabytes 450 --format csv -o AmazonEC2.csv

The CSV flavour (--format csv) is the same products and terms as AWS writes them in CSV: five
preamble lines, the header on line 6, one row per rate (an on-demand row and 24 Reserved rows a
SKU) with the product's attributes repeated on every row, every non-empty field quoted, CRLF.
"""
import argparse
import random
import sys

FAMILIES = ["c5", "c6i", "c6g", "c7g", "m5", "m6i", "m6g", "m7g", "m7i", "r5", "r6g", "r7g",
            "t3", "t4g", "c6a", "m6a", "r6i", "x2idn", "i4i", "g5"]
SIZES = ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "24xlarge"]
VARIANTS = [  # (operatingSystem, tenancy, capacitystatus, preInstalledSw, usage prefix)
    ("Linux", "Shared", "Used", "NA", "BoxUsage"),
    ("Windows", "Shared", "Used", "NA", "BoxUsage"),
    ("RHEL", "Shared", "Used", "NA", "BoxUsage"),
    ("Linux", "Dedicated", "Used", "NA", "DedicatedUsage"),
    ("Linux", "Shared", "UnusedCapacityReservation", "NA", "UnusedBox"),
    ("Linux", "Shared", "AllocatedCapacityReservation", "NA", "Reservation"),
    ("Linux", "Shared", "Used", "SQL Web", "BoxUsage"),
    ("SUSE", "Shared", "Used", "NA", "BoxUsage"),
]
RESERVED = ["4NA7Y494T4", "HU7G6KETJZ", "6QCMYABX3D", "7NE97W5U4E", "CUZHX8X6JH", "VJWZNREJX2",
            "BPH4J8HBKS", "38NPMPTW36", "NQ3QZPMQV9", "Z2E3P23VKM", "R5XV2EPZQZ", "MZU6U2429S"]
REGIONS = [("ap-south-1", "APS3", "Asia Pacific (Mumbai)"), ("us-east-1", "", "US East (N. Virginia)")]


def sku(rng):
    return "".join(rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ23456789") for _ in range(16))


def product(out, s, itype, variant, region, first):
    os_name, tenancy, capacity, sw, usage = variant
    code, prefix, location = region
    usagetype = (prefix + "-" if prefix else "") + usage + ":" + itype
    out.write('%s\n    "%s" : {\n      "sku" : "%s",\n      "productFamily" : "Compute Instance",\n'
              '      "attributes" : {\n        "servicecode" : "AmazonEC2",\n'
              '        "location" : "%s",\n        "locationType" : "AWS Region",\n'
              '        "instanceType" : "%s",\n        "currentGeneration" : "Yes",\n'
              '        "instanceFamily" : "General purpose",\n        "vcpu" : "4",\n'
              '        "physicalProcessor" : "Intel Xeon Platinum 8375C (Ice Lake)",\n'
              '        "memory" : "16 GiB",\n        "storage" : "EBS only",\n'
              '        "networkPerformance" : "Up to 12500 Megabit",\n'
              '        "processorArchitecture" : "64-bit",\n        "tenancy" : "%s",\n'
              '        "operatingSystem" : "%s",\n        "licenseModel" : "No License required",\n'
              '        "usagetype" : "%s",\n        "operation" : "RunInstances",\n'
              '        "capacitystatus" : "%s",\n        "marketoption" : "OnDemand",\n'
              '        "preInstalledSw" : "%s",\n        "regionCode" : "%s",\n'
              '        "servicename" : "Amazon Elastic Compute Cloud"\n      }\n    }'
              % ("" if first else ",", s, s, location, itype, tenancy, os_name, usagetype,
                 capacity, sw, code))


def dimension(out, rate, description, unit, price, first, ranged=True):
    rng_text = '"beginRange" : "0",\n              "endRange" : "Inf",\n              ' if ranged else ""
    out.write('%s\n            "%s" : {\n              "rateCode" : "%s",\n'
              '              "description" : "%s",\n              %s"unit" : "%s",\n'
              '              "pricePerUnit" : {\n                "USD" : "%s"\n              },\n'
              '              "appliesTo" : [ ]\n            }'
              % ("" if first else ",", rate, rate, description, rng_text, unit, price))


CSV_HEADER = ["SKU", "OfferTermCode", "RateCode", "TermType", "PriceDescription", "EffectiveDate",
              "StartingRange", "EndingRange", "Unit", "PricePerUnit", "Currency", "RelatedTo",
              "LeaseContractLength", "PurchaseOption", "OfferingClass", "Product Family",
              "serviceCode", "Location", "Location Type", "Instance Type", "Current Generation",
              "Instance Family", "vCPU", "Physical Processor", "Memory", "Storage",
              "Network Performance", "Processor Architecture", "Tenancy", "Operating System",
              "License Model", "usageType", "operation", "CapacityStatus", "MarketOption",
              "Pre Installed S/W", "Region Code", "serviceName"]


def csv_row(values):
    return ",".join('"' + v.replace('"', '""') + '"' if v else "" for v in values) + "\r\n"


def write_csv(out, target, rng):
    """products with their terms as rows until the file reaches @target bytes"""
    out.write(csv_row(["FormatVersion", "v1.0"]))
    out.write(csv_row(["Disclaimer", "Generated by ecsplan bench/gen-offer.py in the shape of an "
                       "AWS Price List offer file; not AWS data."]))
    out.write(csv_row(["Publication Date", "2026-11-20T00:11:22Z"]))
    out.write(csv_row(["Version", "20261120001122"]))
    out.write(csv_row(["OfferCode", "AmazonEC2"]))
    out.write(csv_row(CSV_HEADER))
    written = 0
    i = 0
    while written < target:
        s = sku(rng)
        itype = "%s.%s" % (FAMILIES[i % len(FAMILIES)], SIZES[(i // len(FAMILIES)) % len(SIZES)])
        os_name, tenancy, capacity, sw, usage = VARIANTS[(i // (len(FAMILIES) * len(SIZES))) % len(VARIANTS)]
        code, prefix, location = REGIONS[(i // (len(FAMILIES) * len(SIZES) * len(VARIANTS))) % len(REGIONS)]
        usagetype = (prefix + "-" if prefix else "") + usage + ":" + itype
        product = ["Compute Instance", "AmazonEC2", location, "AWS Region", itype, "Yes",
                   "General purpose", "4", "Intel Xeon Platinum 8375C (Ice Lake)", "16 GiB",
                   "EBS only", "Up to 12500 Megabit", "64-bit", tenancy, os_name,
                   "No License required", usagetype, "RunInstances", capacity, "OnDemand", sw, code,
                   "Amazon Elastic Compute Cloud"]
        price = "%.10f" % (0.01 + (i % 977) * 0.0037)
        rows = [csv_row([s, "JRTCKXETXF", s + ".JRTCKXETXF.6YS6EN2CT7", "OnDemand",
                         "$%s per On Demand %s Instance Hour" % (price, itype), "2026-11-01", "0",
                         "Inf", "Hrs", price, "USD", "", "", "", ""] + product)]
        for t, term in enumerate(RESERVED):
            lease = "1yr" if t < 6 else "3yr"
            klass = "standard" if t % 6 < 3 else "convertible"
            option = ["No Upfront", "Partial Upfront", "All Upfront"][t % 3]
            rows.append(csv_row([s, term, "%s.%s.2TG2D8R56U" % (s, term), "Reserved", "Upfront Fee",
                                 "2026-11-01", "", "", "Quantity", "%d" % (100 + t * 37), "USD", "",
                                 lease, option, klass] + product))
            rows.append(csv_row([s, term, "%s.%s.6YS6EN2CT7" % (s, term), "Reserved",
                                 "%s reserved instance applied" % itype, "2026-11-01", "0", "Inf",
                                 "Hrs", "%.10f" % (0.005 + t * 0.001), "USD", "", lease, option,
                                 klass] + product))
        text = "".join(rows)
        out.write(text)
        written += len(text)
        i += 1


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=450.0)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--format", choices=["json", "csv"], default="json")
    parser.add_argument("-o", "--output", default="-")
    args = parser.parse_args()
    target = int(args.megabytes * 1024 * 1024)
    rng = random.Random(args.seed)
    out = sys.stdout if args.output == "-" else open(args.output, "w", buffering=1 << 20,
                                                     newline="")
    if args.format == "csv":
        write_csv(out, target, rng)
        if out is not sys.stdout:
            out.close()
        return
    # each product with its terms writes about 16.6 kB: size the count to the target
    n = max(1, target // 16630)
    skus = [sku(rng) for _ in range(n)]
    out.write('{\n  "formatVersion" : "v1.0",\n  "disclaimer" : "Generated by ecsplan bench/gen-offer.py '
              'in the shape of an AWS Price List offer file; not AWS data.",\n'
              '  "offerCode" : "AmazonEC2",\n  "version" : "20261120001122",\n'
              '  "publicationDate" : "2026-11-20T00:11:22Z",\n  "products" : {')
    meta = []
    for i, s in enumerate(skus):
        itype = "%s.%s" % (FAMILIES[i % len(FAMILIES)], SIZES[(i // len(FAMILIES)) % len(SIZES)])
        variant = VARIANTS[(i // (len(FAMILIES) * len(SIZES))) % len(VARIANTS)]
        region = REGIONS[(i // (len(FAMILIES) * len(SIZES) * len(VARIANTS))) % len(REGIONS)]
        product(out, s, itype, variant, region, i == 0)
        meta.append((s, itype))
    out.write('\n  },\n  "terms" : {\n    "OnDemand" : {')
    for i, (s, itype) in enumerate(meta):
        price = "%.10f" % (0.01 + (i % 977) * 0.0037)
        out.write('%s\n      "%s" : {\n        "%s.JRTCKXETXF" : {\n          "offerTermCode" : "JRTCKXETXF",\n'
                  '          "sku" : "%s",\n          "effectiveDate" : "2026-11-01T00:00:00Z",\n'
                  '          "priceDimensions" : {' % ("" if i == 0 else ",", s, s, s))
        dimension(out, s + ".JRTCKXETXF.6YS6EN2CT7", "$%s per On Demand %s Instance Hour" % (price, itype),
                  "Hrs", price, True)
        out.write('\n          },\n          "termAttributes" : { }\n        }\n      }')
    out.write('\n    },\n    "Reserved" : {')
    for i, (s, itype) in enumerate(meta):
        out.write('%s\n      "%s" : {' % ("" if i == 0 else ",", s))
        for t, code in enumerate(RESERVED):
            out.write('%s\n        "%s.%s" : {\n          "offerTermCode" : "%s",\n          "sku" : "%s",\n'
                      '          "effectiveDate" : "2026-11-01T00:00:00Z",\n          "priceDimensions" : {'
                      % ("" if t == 0 else ",", s, code, code, s))
            dimension(out, "%s.%s.2TG2D8R56U" % (s, code), "Upfront Fee", "Quantity", "%d" % (100 + t * 37), True,
                      ranged=False)
            dimension(out, "%s.%s.6YS6EN2CT7" % (s, code), "%s reserved instance applied" % itype, "Hrs",
                      "%.10f" % (0.005 + t * 0.001), False)
            out.write('\n          },\n          "termAttributes" : {\n            "LeaseContractLength" : "%s",\n'
                      '            "OfferingClass" : "%s",\n            "PurchaseOption" : "%s"\n          }\n        }'
                      % ("1yr" if t < 6 else "3yr", "standard" if t % 6 < 3 else "convertible",
                         ["No Upfront", "Partial Upfront", "All Upfront"][t % 3]))
        out.write('\n      }')
    out.write('\n    }\n  }\n}\n')
    if out is not sys.stdout:
        out.close()


if __name__ == "__main__":
    main()
