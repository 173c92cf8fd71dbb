"""Printed forms as PDF bytes (reportlab). Data in, bytes out: no Qt, no database."""
