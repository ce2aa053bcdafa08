using System.Text;
using HocVuSo.Core.Common.Uploads;

namespace HocVuSo.Core.Common;

/// <summary>One data row of an uploaded CSV file, with its line number as the user sees it (the header is line 1).</summary>
public sealed record CsvRow(int Line, IReadOnlyDictionary<string, string> Values)
{
    public string this[string column] => Values.TryGetValue(column, out var value) ? value : string.Empty;
}

/// <summary>
/// Reads the CSV files people upload: UTF-8 with or without BOM, comma or semicolon (what
/// Vietnamese Excel writes), header names in any case, every value trimmed and in NFC. Missing or
/// unknown columns are reported by name before any row is read. The file is read as a stream
/// within <see cref="UploadLimits"/> (bytes, rows, characters and values per record, time): a
/// file past a bound is refused at that point, without reading the rest.
/// </summary>
public static class CsvTable
{
    public static Result<IReadOnlyList<CsvRow>> Read(Stream stream, IReadOnlyList<string> required, IReadOnlyList<string>? optional = null,
        UploadLimits? limits = null, CancellationToken ct = default)
    {
        optional ??= [];
        limits ??= UploadLimits.Default;
        using var deadline = limits.Deadline(ct);
        try
        {
            using var reader = new StreamReader(new BoundedStream(stream, limits.MaxCsvBytes), new UTF8Encoding(false, throwOnInvalidBytes: true),
                detectEncodingFromByteOrderMarks: true, bufferSize: 16 * 1024);
            var parser = new Parser(reader, limits, deadline.Token);
            var first = parser.Next();
            if (!first.IsSuccess)
            {
                return Result<IReadOnlyList<CsvRow>>.Fail(first.Errors);
            }

            if (first.Value is null || first.Value.Fields.All(string.IsNullOrWhiteSpace))
            {
                return Errors.Invalid("csv.empty");
            }

            var header = first.Value.Fields.Select(h => VietnameseText.Clean(h).ToLowerInvariant()).ToArray();
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
            while (true)
            {
                var next = parser.Next();
                if (!next.IsSuccess)
                {
                    return Result<IReadOnlyList<CsvRow>>.Fail(next.Errors);
                }

                if (next.Value is not { } record)
                {
                    break;
                }

                if (record.Fields.All(string.IsNullOrWhiteSpace))
                {
                    continue;
                }

                if (record.Fields.Count > header.Length)
                {
                    return Errors.Invalid("csv.too_many_values", null, record.Line, record.Fields.Count, header.Length) with { Row = record.Line };
                }

                if (rows.Count == limits.MaxCsvRows)
                {
                    return UploadErrors.TooManyRows(limits.MaxCsvRows);
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
        catch (DecoderFallbackException)
        {
            // Files saved by older office software in Windows-1258 or TCVN3: ask for UTF-8 rather than guess.
            return Errors.Invalid("csv.not_utf8");
        }
        catch (BoundedStream.LimitExceededException)
        {
            return UploadErrors.TooLarge(limits.MaxCsvBytes);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return UploadErrors.TooSlow(limits.ProcessingTimeout);
        }
    }

    /// <summary>Opens an upload (after the caller checked who sent it) and reads it as a CSV table.</summary>
    public static async Task<Result<IReadOnlyList<CsvRow>>> ReadAsync(Upload upload, IReadOnlyList<string> required, IReadOnlyList<string>? optional,
        UploadLimits limits, CancellationToken ct)
    {
        var opened = await upload.OpenAsync(ct);
        if (!opened.IsSuccess)
        {
            return Result<IReadOnlyList<CsvRow>>.Fail(opened.Errors);
        }

        await using var stream = opened.Value!;
        return Read(stream, required, optional, limits, ct);
    }

    private sealed record Record(int Line, List<string> Fields);

    /// <summary>
    /// RFC 4180, one record at a time: quoted fields may hold the delimiter, line breaks and
    /// doubled quotes. The delimiter is the one the header line uses most (semicolon, comma, tab).
    /// </summary>
    private sealed class Parser(TextReader reader, UploadLimits limits, CancellationToken ct)
    {
        private readonly char[] _buffer = new char[16 * 1024];
        private int _length;
        private int _position;
        private char? _delimiter;
        private int _line = 1;
        private bool _started;

        public Result<Record?> Next()
        {
            _delimiter ??= DetectDelimiter();
            var delimiter = _delimiter.Value;
            var fields = new List<string>();
            var field = new StringBuilder();
            var recordLine = _line;
            var quoted = false;
            var characters = 0;
            var any = false;
            while (Peek() is { } c)
            {
                Take();
                any = true;
                if (++characters > limits.MaxCsvLineLength)
                {
                    return UploadErrors.LineTooLong(recordLine, limits.MaxCsvLineLength);
                }

                if (quoted)
                {
                    if (c == '"' && Peek() == '"')
                    {
                        Take();
                        field.Append('"');
                    }
                    else if (c == '"')
                    {
                        quoted = false;
                    }
                    else
                    {
                        if (c == '\n')
                        {
                            _line++;
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
                    if (fields.Count + 1 >= limits.MaxCsvColumns)
                    {
                        return UploadErrors.TooManyColumns(recordLine, limits.MaxCsvColumns);
                    }

                    fields.Add(field.ToString());
                    field.Clear();
                }
                else if (c is '\r' or '\n')
                {
                    if (c == '\r' && Peek() == '\n')
                    {
                        Take();
                    }

                    fields.Add(field.ToString());
                    _line++;
                    return new Record(recordLine, fields);
                }
                else
                {
                    field.Append(c);
                }
            }

            if (!any)
            {
                return (Record?)null;
            }

            fields.Add(field.ToString());
            return new Record(recordLine, fields);
        }

        /// <summary>Looks at the header line (already in the buffer, or read into it) without consuming it.</summary>
        private char DetectDelimiter()
        {
            var semicolons = 0;
            var commas = 0;
            var tabs = 0;
            for (var i = 0; i < limits.MaxCsvLineLength + 1; i++)
            {
                if (PeekAt(i) is not { } c || c is '\n' or '\r')
                {
                    break;
                }

                semicolons += c == ';' ? 1 : 0;
                commas += c == ',' ? 1 : 0;
                tabs += c == '\t' ? 1 : 0;
            }

            var delimiter = semicolons > commas ? ';' : ',';
            return tabs > 0 && (delimiter == ';' ? semicolons : commas) == 0 ? '\t' : delimiter;
        }

        private char? Peek() => PeekAt(0);

        private char? PeekAt(int offset)
        {
            if (!_started)
            {
                _started = true;
                Fill();
                if (_length > 0 && _buffer[0] == '\uFEFF')
                {
                    _position = 1;
                }
            }

            while (_position + offset >= _length)
            {
                if (!Fill())
                {
                    return null;
                }
            }

            return _buffer[_position + offset];
        }

        private void Take() => _position++;

        /// <summary>Reads more characters, keeping the unread ones; false at the end of the file.</summary>
        private bool Fill()
        {
            ct.ThrowIfCancellationRequested();
            var kept = _length - _position;
            if (kept == _buffer.Length)
            {
                return false;
            }

            Array.Copy(_buffer, _position, _buffer, 0, kept);
            _position = 0;
            _length = kept;
            var read = reader.Read(_buffer, _length, _buffer.Length - _length);
            _length += read;
            return read > 0;
        }
    }
}

/// <summary>The outcome of importing a file: how many rows were saved and what was wrong with the others.</summary>
public sealed record ImportReport(int Saved, int Skipped, IReadOnlyList<Error> RowErrors)
{
    public bool HasErrors => RowErrors.Count > 0;
}
