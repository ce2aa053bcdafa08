using System.Text;
using HocVuSo.Core.Common;

namespace HocVuSo.Tests.Common;

public class VietnameseTextTests
{
    [Theory]
    [InlineData("Xã Ea Trang", "xa ea trang")]
    [InlineData("EA TRANG", "ea trang")]
    [InlineData("Đắk Lắk", "dak lak")]
    [InlineData("  Măng   Đen ", "mang den")]
    [InlineData("Thành phố Hồ Chí Minh", "thanh pho ho chi minh")]
    public void Fold_RemovesDiacriticsCaseAndExtraSpaces(string text, string expected) =>
        VietnameseText.Fold(text).ShouldBe(expected);

    [Fact]
    public void Clean_TurnsDecomposedTextIntoNfc()
    {
        var decomposed = "Buôn Đắk Phú".Normalize(NormalizationForm.FormD);
        decomposed.Length.ShouldBeGreaterThan("Buôn Đắk Phú".Length);

        var clean = VietnameseText.Clean(decomposed);

        clean.ShouldBe("Buôn Đắk Phú");
        clean.IsNormalized(NormalizationForm.FormC).ShouldBeTrue();
    }

    [Theory]
    [InlineData("\u200B\u200C\u200D", "text.invisible_only")]
    [InlineData("An\u0000h", "text.control_character")]
    [InlineData("An\u0085h", "text.control_character")]
    [InlineData("An\nh", "text.control_character")]
    [InlineData("An\u202Bh", "text.bidi_control")]
    [InlineData("An\u2069h", "text.bidi_control")]
    [InlineData("\u0300Anh", "text.lone_mark")]
    [InlineData("Anh Ba Tư", "text.too_long")]
    public void Check_RefusesWhatNoOneCanReadOrTooMuch(string text, string code)
    {
        var result = VietnameseText.Check(text, "name", 8);

        result.IsSuccess.ShouldBeFalse();
        result.FirstError.Code.ShouldBe(code);
        result.FirstError.Field.ShouldBe("name");
    }

    [Fact]
    public void Check_CleansNamesAndKeepsTheLinesOfComments()
    {
        VietnameseText.Check("  Hồ   Thị\u00A0Lan ".Normalize(NormalizationForm.FormD), "fullName", 200).Value.ShouldBe("Hồ Thị Lan");
        VietnameseText.Check("   ", "fullName", 200).Value.ShouldBe(string.Empty);
        VietnameseText.Check(null, "fullName", 200).Value.ShouldBe(string.Empty);
        VietnameseText.Check(" Dòng một\r\n\tDòng  hai ", "comment", 1000, TextShape.MultiLine).Value.ShouldBe("Dòng một\nDòng hai");
        VietnameseText.Check("Anh\u200Bem", "name", 200).IsSuccess.ShouldBeTrue();
        VietnameseText.Check("\tAnh Ba\r\n", "name", 200).Value.ShouldBe("Anh Ba");
        VietnameseText.Check("An" + '\uD800' + "h", "name", 200).FirstError.Code.ShouldBe("text.control_character");
    }

    [Fact]
    public void Format_UsesVietnameseSeparatorsAndDates()
    {
        VietnameseFormat.Number(1234567).ShouldBe("1.234.567");
        VietnameseFormat.Number(1234.5m).ShouldBe("1.234,5");
        VietnameseFormat.Percent(0.857m).ShouldBe("85,7%");
        VietnameseFormat.Date(new DateOnly(2026, 3, 5)).ShouldBe("05/03/2026");
        VietnameseFormat.Month(new DateOnly(2026, 3, 1)).ShouldBe("tháng 3/2026");
    }

    [Fact]
    public void Mask_SignInName_HidesNumbersAndEmailsTypedAsUserNames()
    {
        Mask.SignInName("079203001234").ShouldBe("07••••••••34");
        Mask.SignInName("0912345678").ShouldBe("09••••••78");
        Mask.SignInName("ai.do@example.vn").ShouldBe("a•••@example.vn");
        Mask.SignInName("officer.eatrang").ShouldBe("officer.eatrang");
        Mask.SignInName("hocvien12.eatrang").ShouldBe("hocvien12.eatrang");
        Mask.SignInName(new string('9', 500)).Length.ShouldBe(64);
    }

    [Fact]
    public void Mask_HidesMostOfContacts()
    {
        Mask.Phone("0912345678").ShouldBe("09••••••78");
        Mask.Email("officer@eatrang.gov.vn").ShouldBe("o•••@eatrang.gov.vn");
    }
}
