"""What the province does, one module per area, independent of HTTP (service.Backend holds one of each)."""
