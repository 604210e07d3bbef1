# a Terraform configuration, not the JSON of a plan: ecsplan says how to get the JSON
terraform {
  required_providers {
    aws = { source = "hashicorp/aws" }
  }
}

resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}
