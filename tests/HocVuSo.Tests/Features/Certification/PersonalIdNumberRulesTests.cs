using System.Text;
using HocVuSo.Core.Common;
using HocVuSo.Core.Features.Certification;

namespace HocVuSo.Tests.Features.Certification;

/// <summary>The rules of the 12-digit personal identification number, with numbers built from the rules themselves.</summary>
public class PersonalIdNumberRulesTests
{
    private const int ThisYear = 2026;

    /// <summary>province + gender/century digit + two digits of the birth year + six random digits.</summary>
    private static string Number(string province, PersonGender gender, int birthYear, string tail = "123456") =>
        province + PersonalIdNumbers.GenderAndCenturyDigit(gender, birthYear) + (birthYear % 100).ToString("00", System.Globalization.CultureInfo.InvariantCulture) + tail;

    private static string[] Codes(string? number, int? birthYear = null, string? gender = null) =>
        PersonalIdNumbers.Check(number, birthYear, gender, ThisYear).Select(e => e.Code).ToArray();

    [Theory]
    [InlineData("066", "female", 1985, "066185123456")]
    [InlineData("001", "male", 2003, "001203987654")]
    [InlineData("079", "male", 1899, "079899000001")]
    [InlineData("096", "female", 2000, "096300555555")]
    [InlineData("002", "male", 1900, "002000111111")]
    public void ValidNumbers_BuiltFromTheRules_Pass(string province, string gender, int birthYear, string expected)
    {
        var number = Number(province, PersonalIdNumbers.ParseGender(gender)!.Value, birthYear, expected[6..]);

        number.ShouldBe(expected);
        Codes(number, birthYear, gender).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("nữ")]
    [InlineData("Nữ")]
    [InlineData("NỮ")]
    [InlineData("nu")]
    [InlineData("female")]
    [InlineData("Female")]
    public void Gender_AcceptsEnglishAndVietnamese(string gender)
    {
        Codes("066185123456", 1985, gender).ShouldBeEmpty();
        Codes("066185123456", 1985, gender.Normalize(NormalizationForm.FormD)).ShouldBeEmpty();
        Codes("066085123456", 1985, gender).ShouldBe(["identity.gender_mismatch"]);
    }

    [Fact]
    public void Spaces_AreIgnored()
    {
        Codes(" 066 185 123456 ", 1985, "nữ").ShouldBeEmpty();
        PersonalIdNumbers.Normalise(" 066 185\u00a0123456 ").ShouldBe("066185123456");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Missing_IsRequired(string? number) => Codes(number).ShouldBe(["identity.number_required"]);

    [Theory]
    [InlineData("06618512345")]
    [InlineData("0661851234567")]
    [InlineData("06618512345A")]
    [InlineData("066-185-123456")]
    [InlineData("０６６１８５１２３４５６")]
    public void NotTwelveDigits_IsAFormatError_AndNothingElseIsChecked(string number)
    {
        Codes(number, 1985, "male").ShouldBe(["identity.number_format"]);
    }

    [Theory]
    [InlineData("000")]
    [InlineData("003")]
    [InlineData("028")]
    [InlineData("099")]
    [InlineData("166")]
    public void UnknownProvinceOfBirth_IsRefused(string province)
    {
        var errors = PersonalIdNumbers.Check(province + "185123456", 1985, "female", ThisYear);

        errors.Select(e => e.Code).ShouldBe(["identity.province_unknown"]);
        errors[0].Args.ShouldBe(new object[] { province });
        errors[0].Field.ShouldBe("cccd");
    }

    [Fact]
    public void ProvincesOfBirth_AreThe63ProvincesBefore2025()
    {
        var provinces = PersonalIdNumbers.ProvincesOfBirth;

        provinces.Count.ShouldBe(63);
        provinces["001"].ShouldBe("Hà Nội");
        provinces["079"].ShouldBe("Hồ Chí Minh");
        provinces["066"].ShouldBe("Đắk Lắk");
        provinces["067"].ShouldBe("Đắk Nông");
        provinces["096"].ShouldBe("Cà Mau");
        provinces.ShouldNotContainKey("028");
        provinces.Keys.ShouldAllBe(k => k.Length == 3 && k[0] == '0');
    }

    [Fact]
    public void GenderDigit_ThatDisagreesWithTheGender_IsRefused()
    {
        Codes(Number("066", PersonGender.Female, 1985), 1985, "male").ShouldBe(["identity.gender_mismatch"]);
        Codes(Number("066", PersonGender.Male, 1985), 1985, "nữ").ShouldBe(["identity.gender_mismatch"]);
    }

    [Fact]
    public void CenturyDigit_ThatDisagreesWithTheBirthYear_IsRefused()
    {
        // 3 = a woman born 2000–2099, but she says 1985 (the year digits 85 agree).
        var errors = PersonalIdNumbers.Check("066385123456", 1985, "female", ThisYear);

        errors.Select(e => e.Code).ShouldBe(["identity.century_mismatch"]);
        errors[0].Args.ShouldBe(new object[] { "3", 2000, 2099, 1985 });
    }

    [Fact]
    public void YearDigits_ThatDisagreeWithTheBirthYear_AreRefused()
    {
        var errors = PersonalIdNumbers.Check("066185123456", 1986, "female", ThisYear);

        errors.Select(e => e.Code).ShouldBe(["identity.year_mismatch"]);
        errors[0].Args.ShouldBe(new object[] { "85", 1986 });
    }

    [Fact]
    public void WithoutBirthYearAndGender_OnlyFormatAndProvinceAreChecked()
    {
        Codes("066985123456").ShouldBeEmpty();
        Codes("066185123456", birthYear: 1985).ShouldBeEmpty();
        Codes("066185123456", birthYear: 1986).ShouldBe(["identity.year_mismatch"]);
        Codes("066185123456", gender: "male").ShouldBe(["identity.gender_mismatch"]);
        Codes("003185123456").ShouldBe(["identity.province_unknown"]);
    }

    [Fact]
    public void EveryFailure_IsReportedWithItsOwnCode()
    {
        Codes("003385123456", 1986, "male").ShouldBe(["identity.province_unknown", "identity.gender_mismatch", "identity.century_mismatch", "identity.year_mismatch"]);
    }

    [Theory]
    [InlineData(1799)]
    [InlineData(2027)]
    public void BirthYear_OutOfRange_IsRefused(int year) =>
        Codes("066185123456", year, "female").ShouldBe(["identity.birth_year_invalid"]);

    [Fact]
    public void UnknownGender_IsRefused() => Codes("066185123456", 1985, "khác").ShouldBe(["identity.gender_invalid"]);

    [Theory]
    [InlineData('0', PersonGender.Male, 1900)]
    [InlineData('1', PersonGender.Female, 1900)]
    [InlineData('2', PersonGender.Male, 2000)]
    [InlineData('3', PersonGender.Female, 2000)]
    [InlineData('4', PersonGender.Male, 2100)]
    [InlineData('5', PersonGender.Female, 2100)]
    [InlineData('6', PersonGender.Male, 2200)]
    [InlineData('7', PersonGender.Female, 2200)]
    [InlineData('8', PersonGender.Male, 1800)]
    [InlineData('9', PersonGender.Female, 1800)]
    public void FourthDigit_EncodesGenderAndCentury(char digit, PersonGender gender, int centuryStart)
    {
        PersonalIdNumbers.DecodeGenderAndCentury(digit).ShouldBe((gender, centuryStart));
        PersonalIdNumbers.GenderAndCenturyDigit(gender, centuryStart + 57).ShouldBe(digit);
    }

    [Fact]
    public void Mask_ShowsTheProvinceAndTheLastTwoDigits()
    {
        Mask.PersonalIdNumber("066185123412").ShouldBe("066•••••••12");
        Mask.PersonalIdNumber(null).ShouldBeNull();
    }
}
