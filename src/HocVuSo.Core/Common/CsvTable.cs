using System.Text;

namespace HocVuSo.Core.Common;

/// <summary>One data row of an uploaded CSV file, with its line number as the user sees it (the header is line 1).</summary>
public sealed record CsvRow(int Line, IReadOnlyDictionary<string, string> Values)
{
    public string this[string column] => Values.TryGetValue(column, out var value) ? value : string.Empty;
}

/// <summary>
/// Reads the CSV files people upload: UTF-8 with or without BOM, comma or semicolon (what
/// Vietnamese Excel writes), header names in any case, every value trimmed and in NFC. Missing or
/// unknown columns are reported by name before any row is read.
/// </summary>
public static class CsvTable
{
    public static Result<IReadOnlyList<CsvRow>> Read(Stream stream, IReadOnlyList<string> required, IReadOnlyList<string>? optional = null)
    {
        optional ??= [];
        string text;
        try
        {
            using var reader = new StreamReader(stream, new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true);
            text = reader.ReadToEnd();
        }
        catch (DecoderFallbackException)
        {
            // Files saved by older office software in Windows-1258 or TCVN3: ask for UTF-8 rather than guess.
            return Errors.Invalid("csv.not_utf8");
        }

        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text[1..];
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return Errors.Invalid("csv.empty");
        }

        var firstLine = text.Split('\n', 2)[0];
        var delimiter = firstLine.Count(c => c == ';') > firstLine.Count(c => c == ',') ? ";" : ",";
        if (firstLine.Contains('\t', StringComparison.Ordinal) && !firstLine.Contains(delimiter, StringComparison.Ordinal))
        {
            delimiter = "\t";
        }

        var records = Parse(text, delimiter[0]);
        if (records.Count == 0)
        {
            return Errors.Invalid("csv.empty");
        }

        var header = records[0].Fields.Select(h => VietnameseText.Clean(h).ToLowerInvariant()).ToArray();
        var known = required.Concat(optional).ToHashSet(StringComparer.Ordinal);
        var missing = required.Where(r => !header.Contains(r)).ToList();
        if (missing.Count > 0)
        {
            return Errors.Invalid("csv.missing_columns", null, string.Join(", ", missing), string.Join(", ", required));
        }

        var extra = header.Where(h => !known.Contains(h)).ToList();
        if (extra.Count > 0)
        {
            return Errors.Invalid("csv.unknown_columns", null, string.Join(", ", extra), string.Join(", ", known));
        }

        var rows = new List<CsvRow>();
        foreach (var record in records.Skip(1))
        {
            if (record.Fields.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            if (record.Fields.Count > header.Length)
            {
                return Errors.Invalid("csv.too_many_values", null, record.Line, record.Fields.Count, header.Length) with { Row = record.Line };
            }

            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < header.Length; i++)
            {
                values[header[i]] = VietnameseText.Clean(i < record.Fields.Count ? record.Fields[i] : null);
            }

            rows.Add(new CsvRow(record.Line, values));
        }

        return rows;
    }

    private sealed record Record(int Line, List<string> Fields);

    /// <summary>RFC 4180: quoted fields may hold the delimiter, line breaks and doubled quotes.</summary>
    private static List<Record> Parse(string text, char delimiter)
    {
        var records = new List<Record>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    if (c == '\n')
                    {
                        line++;
                    }

                    field.Append(c);
                }
            }
            else if (c == '"' && field.Length == 0)
            {
                quoted = true;
            }
            else if (c == delimiter)
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c is '\r' or '\n')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                fields.Add(field.ToString());
                field.Clear();
                records.Add(new Record(recordLine, fields));
                fields = [];
                line++;
                recordLine = line;
            }
            else
            {
                field.Append(c);
            }
        }

        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            records.Add(new Record(recordLine, fields));
        }

        return records;
    }
}

/// <summary>The outcome of importing a file: how many rows were saved and what was wrong with the others.</summary>
public sealed record ImportReport(int Saved, int Skipped, IReadOnlyList<Error> RowErrors)
{
    public bool HasErrors => RowErrors.Count > 0;
}
