"""HTML report with charts and the Excel workbook."""
