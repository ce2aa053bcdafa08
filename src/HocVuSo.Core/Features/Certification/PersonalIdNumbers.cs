using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using HocVuSo.Core.Common;
using HocVuSo.Core.Features.Geography;

namespace HocVuSo.Core.Features.Certification;

/// <summary>
/// The personal identification number (số định danh cá nhân, printed on the CCCD card): 12 digits.
/// Digits 1–3 are the province where the birth was registered ("0" + the statistical code of one
/// of the 63 provinces before 2025); digit 4 gives gender and century (even: male, odd: female;
/// 0/1 born 1900–1999, 2/3 2000–2099, 4/5 2100–2199, 6/7 2200–2299, 8/9 1800–1899); digits 5–6 are
/// the last two digits of the birth year; digits 7–12 are random.
/// </summary>
public static class PersonalIdNumbers
{
    public const int Length = 12;

    public const string ProvincesResource = "HocVuSo.Reference.province_merger_mapping_2025.csv";

    /// <summary>The field the errors point at, as named in the API ("cccd").</summary>
    public const string NumberField = "cccd";

    /// <summary>Separates the protected and hashed values of this kind of data from any other.</summary>
    public const string Purpose = "personal-id-number";

    public const int EarliestBirthYear = 1800;

    private static readonly Lazy<FrozenDictionary<string, string>> Provinces = new(LoadProvinces);

    /// <summary>Province-of-birth codes ("001" … "096") with the name of the province before 2025.</summary>
    public static FrozenDictionary<string, string> ProvincesOfBirth => Provinces.Value;

    /// <summary>Leaves the digits as typed, without spaces ("066 185 123456" → "066185123456").</summary>
    public static string Normalise(string? text)
    {
        if (text is null)
        {
            return string.Empty;
        }

        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Where(c => !char.IsWhiteSpace(c)))
        {
            builder.Append(c);
        }

        return builder.ToString();
    }

    /// <summary>"male"/"female", or in Vietnamese "nam"/"nữ" (with or without diacritics, any case); otherwise null.</summary>
    public static PersonGender? ParseGender(string? text) => VietnameseText.Fold(text) switch
    {
        "male" or "nam" => PersonGender.Male,
        "female" or "nu" => PersonGender.Female,
        _ => null,
    };

    /// <summary>The gender and the first birth year of the century that the 4th digit encodes.</summary>
    public static (PersonGender Gender, int CenturyStart) DecodeGenderAndCentury(char digit)
    {
        var value = digit - '0';
        var centuryStart = value / 2 == 4 ? 1800 : 1900 + (100 * (value / 2));
        return (value % 2 == 0 ? PersonGender.Male : PersonGender.Female, centuryStart);
    }

    /// <summary>The 4th digit for a person of this gender born in this year.</summary>
    public static char GenderAndCenturyDigit(PersonGender gender, int birthYear)
    {
        var century = birthYear < 1900 ? 4 : (birthYear - 1900) / 100;
        return (char)('0' + (century * 2) + (gender == PersonGender.Female ? 1 : 0));
    }

    /// <summary>
    /// Checks a number against the rules above. The birth year and gender are optional: when one is
    /// missing, the checks that need it are skipped; when given, it must agree with the number.
    /// An empty list means the number is valid. The messages never repeat the number itself.
    /// </summary>
    public static IReadOnlyList<Error> Check(string? number, int? birthYear, string? gender, int thisYear)
    {
        var errors = new List<Error>();
        if (birthYear is { } year && (year < EarliestBirthYear || year > thisYear))
        {
            errors.Add(Errors.Invalid("identity.birth_year_invalid", "birthYear", year, EarliestBirthYear, thisYear));
            birthYear = null;
        }

        var parsedGender = ParseGender(gender);
        if (!string.IsNullOrWhiteSpace(gender) && parsedGender is null)
        {
            var shown = VietnameseText.Clean(gender);
            errors.Add(Errors.Invalid("identity.gender_invalid", "gender", shown.Length > 20 ? shown[..20] + "…" : shown));
        }

        var digits = Normalise(number);
        if (digits.Length == 0)
        {
            errors.Insert(0, Errors.Invalid("identity.number_required", NumberField));
            return errors;
        }

        if (digits.Length != Length || !digits.All(char.IsAsciiDigit))
        {
            errors.Insert(0, Errors.Invalid("identity.number_format", NumberField, Length));
            return errors;
        }

        var province = digits[..3];
        if (!ProvincesOfBirth.ContainsKey(province))
        {
            errors.Add(Errors.Invalid("identity.province_unknown", NumberField, province));
        }

        var (encodedGender, centuryStart) = DecodeGenderAndCentury(digits[3]);
        if (parsedGender is { } declared && declared != encodedGender)
        {
            errors.Add(Errors.Invalid("identity.gender_mismatch", NumberField, digits[3].ToString()));
        }

        if (birthYear is { } born)
        {
            if (born < centuryStart || born > centuryStart + 99)
            {
                errors.Add(Errors.Invalid("identity.century_mismatch", NumberField, digits[3].ToString(), centuryStart, centuryStart + 99, born));
            }

            var lastTwo = (born % 100).ToString("00", CultureInfo.InvariantCulture);
            if (digits.Substring(4, 2) != lastTwo)
            {
                errors.Add(Errors.Invalid("identity.year_mismatch", NumberField, digits.Substring(4, 2), born));
            }
        }

        return errors;
    }

    private static FrozenDictionary<string, string> LoadProvinces()
    {
        using var stream = ReferenceUnits.Open(ProvincesResource);
        var table = CsvTable.Read(
            stream,
            ["old_province_code", "old_province_name"],
            ["old_province_full_name", "new_province_code", "new_province_name", "old_population_census_2019"]);
        if (!table.IsSuccess)
        {
            throw new InvalidOperationException("The embedded list of provinces of birth cannot be read: " + table.FirstError.Code);
        }

        return table.Value!.ToFrozenDictionary(row => "0" + row["old_province_code"], row => row["old_province_name"], StringComparer.Ordinal);
    }
}

/// <summary>The gender that digit 4 of the personal identification number encodes.</summary>
public enum PersonGender
{
    Male,
    Female,
}
