namespace HocVuSo.Core.Common;

/// <summary>
/// An expected failure. <see cref="Code"/> is a message key looked up in the UI's resource files
/// (Vietnamese first); <see cref="Args"/> fill its placeholders; <see cref="Field"/> and
/// <see cref="Row"/> say where the bad input was, when it came from a form or a file.
/// </summary>
public record Error(string Code, ErrorKind Kind = ErrorKind.Invalid, string? Field = null, int? Row = null, params object[] Args)
{
    public Error AtRow(int row) => this with { Row = row };
}

public enum ErrorKind
{
    Invalid,
    NotFound,
    Conflict,
    Forbidden,

    /// <summary>The input is larger than the server takes (bytes, rows, cells, entries or time): 413.</summary>
    TooLarge,
}

public static class Errors
{
    public static Error NotFound(string code, params object[] args) => new(code, ErrorKind.NotFound, null, null, args);
    public static Error Forbidden() => new("scope.forbidden", ErrorKind.Forbidden);
    public static Error Invalid(string code, string? field = null, params object[] args) => new(code, ErrorKind.Invalid, field, null, args);
    public static Error Conflict(string code, string? field = null, params object[] args) => new(code, ErrorKind.Conflict, field, null, args);
}

public readonly record struct Result<T>
{
    private Result(T? value, IReadOnlyList<Error> errors)
    {
        Value = value;
        Errors = errors;
    }

    public T? Value { get; }
    public IReadOnlyList<Error> Errors { get; }
    public bool IsSuccess => Errors.Count == 0;
    public Error FirstError => Errors[0];

    public static Result<T> Ok(T value) => new(value, []);
    public static Result<T> Fail(Error error) => new(default, [error]);
    public static Result<T> Fail(IReadOnlyList<Error> errors) => new(default, errors);

    public static implicit operator Result<T>(T value) => Ok(value);
    public static implicit operator Result<T>(Error error) => Fail(error);
}
