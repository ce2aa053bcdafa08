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
    public void Mask_HidesMostOfContacts()
    {
        Mask.Phone("0912345678").ShouldBe("09••••••78");
        Mask.Email("officer@eatrang.gov.vn").ShouldBe("o•••@eatrang.gov.vn");
    }
}
