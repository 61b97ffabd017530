"""The contract dossier: KPI reports of one tender across providers and quarters, for the contract manager.

:mod:`generator.dossier.reports` reads and checks the KPI reports (``opvang kpi --format json``);
:mod:`generator.dossier.analysis` combines them into trends, norms missed quarter after quarter and a
draft agenda for the next account meeting; :mod:`generator.render.dossier_report` writes it.
"""
