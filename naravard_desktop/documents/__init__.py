"""Writers for PDF, DOCX, XLSX and CSV. Fed plain read models by services; no Qt."""
