using System.Security.Cryptography;

namespace HocVuSo.Core.Common;

/// <summary>How personal contact data appears in lists, logs and exports: enough to recognise, not to use.</summary>
public static class Mask
{
    public const char Dot = '•';

    public static string? Email(string? email)
    {
        if (string.IsNullOrEmpty(email))
        {
            return email;
        }

        var at = email.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0)
        {
            return new string(Dot, 3);
        }

        return email[0] + new string(Dot, 3) + email[at..];
    }

    /// <summary>A person's name for audit entries and logs: each word's first letter ("Nguyễn Văn An" → "N••• V••• A•••").</summary>
    public static string? Name(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return name;
        }

        return string.Join(' ', name.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(word => char.IsSurrogate(word[0]) ? new string(Dot, 3) : word[0] + new string(Dot, 3)));
    }

    /// <summary>
    /// What someone typed as a sign-in name that matches no account, for the audit trail: an
    /// e-mail address masked like <see cref="Email"/>, and every run of five or more digits (an
    /// identification or phone number typed by mistake) down to its first two and last two digits;
    /// at most 64 characters.
    /// </summary>
    public static string SignInName(string? typed)
    {
        var text = (typed ?? string.Empty).Trim();
        if (text.Contains('@', StringComparison.Ordinal))
        {
            text = Email(text)!;
        }

        var builder = new System.Text.StringBuilder(text.Length);
        for (var i = 0; i < text.Length;)
        {
            var end = i;
            while (end < text.Length && char.IsAsciiDigit(text[end]))
            {
                end++;
            }

            if (end - i >= 5)
            {
                builder.Append(text.AsSpan(i, 2)).Append(Dot, end - i - 4).Append(text.AsSpan(end - 2, 2));
                i = end;
            }
            else if (end > i)
            {
                builder.Append(text.AsSpan(i, end - i));
                i = end;
            }
            else
            {
                builder.Append(text[i]);
                i++;
            }
        }

        var masked = builder.ToString();
        return masked.Length > 64 ? masked[..64] : masked;
    }

    public static string? Phone(string? phone)
    {
        if (string.IsNullOrEmpty(phone))
        {
            return phone;
        }

        return phone.Length <= 4
            ? new string(Dot, phone.Length)
            : phone[..2] + new string(Dot, phone.Length - 4) + phone[^2..];
    }

    /// <summary>A personal identification number: the province of birth and the last two digits ("066•••••••12").</summary>
    public static string? PersonalIdNumber(string? number)
    {
        if (string.IsNullOrEmpty(number))
        {
            return number;
        }

        return number.Length <= 5
            ? new string(Dot, number.Length)
            : number[..3] + new string(Dot, number.Length - 5) + number[^2..];
    }
}

/// <summary>Initial passwords for new accounts: 14 characters from every class the policy asks for.</summary>
public static class PasswordGenerator
{
    private const string Upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private const string Lower = "abcdefghijkmnpqrstuvwxyz";
    private const string Digits = "23456789";
    private const string Symbols = "@#$%&*+=?";

    public static string Create()
    {
        var all = Upper + Lower + Digits + Symbols;
        var chars = new List<char>
        {
            Upper[RandomNumberGenerator.GetInt32(Upper.Length)],
            Lower[RandomNumberGenerator.GetInt32(Lower.Length)],
            Digits[RandomNumberGenerator.GetInt32(Digits.Length)],
            Symbols[RandomNumberGenerator.GetInt32(Symbols.Length)],
        };
        while (chars.Count < 14)
        {
            chars.Add(all[RandomNumberGenerator.GetInt32(all.Length)]);
        }

        return new string(chars.OrderBy(_ => RandomNumberGenerator.GetInt32(int.MaxValue)).ToArray());
    }
}
