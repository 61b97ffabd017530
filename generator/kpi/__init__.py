"""The KPI engine: client registrations (contract §3) in, the tender's KPIs (contract §4) out."""
