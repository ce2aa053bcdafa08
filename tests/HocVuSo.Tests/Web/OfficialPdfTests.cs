using HocVuSo.Tests.Infrastructure;
using HocVuSo.Web.Exports.Pdf;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace HocVuSo.Tests.Web;

public class OfficialPdfTests
{
    [Fact]
    public async Task Heading_IsWrittenInVietnamese_WithTheEmbeddedFont_AndReadsBack()
    {
        using var document = new PdfDocument();
        var page = document.AddPage();
        page.Size = PdfSharp.PageSize.A4;
        using (var gfx = XGraphics.FromPdfPage(page))
        {
            var heading = new OfficialHeading("UBND tỉnh Đắk Lắk", "Ủy ban nhân dân xã Ea Trang", "Số: 12/BC-UBND", "Ea Trang", new DateOnly(2026, 2, 5));
            var below = OfficialDocument.DrawHeading(gfx, new XRect(40, 40, page.Width.Point - 80, 100), heading);
            below.ShouldBeGreaterThan(40);
            OfficialDocument.DrawParagraph(gfx, "Người dân được hướng dẫn cài đặt ứng dụng định danh điện tử.", PdfFonts.Regular(12), new XRect(40, below + 20, 300, 40));
        }

        using var stream = new MemoryStream();
        document.Save(stream);
        var text = await PdfText.ExtractAsync(stream.ToArray());

        text.ShouldContain("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
        text.ShouldContain("Độc lập - Tự do - Hạnh phúc");
        text.ShouldContain("ỦY BAN NHÂN DÂN XÃ EA TRANG");
        text.ShouldContain("Ea Trang, ngày 05 tháng 02 năm 2026");
        text.ShouldContain("hướng dẫn cài đặt");
        System.Text.RegularExpressions.Regex.IsMatch(await PdfText.InfoAsync(stream.ToArray()), @"Pages:\s+1\b").ShouldBeTrue();
    }

    [Theory]
    [InlineData(2026, 3, 20, "Ea Trang, ngày 20 tháng 3 năm 2026")]
    [InlineData(2026, 1, 9, "Ea Trang, ngày 09 tháng 01 năm 2026")]
    [InlineData(2026, 12, 1, "Ea Trang, ngày 01 tháng 12 năm 2026")]
    public void PlaceAndDate_FollowsTheDecree(int year, int month, int day, string expected) =>
        new OfficialHeading("", "", null, "Ea Trang", new DateOnly(year, month, day)).PlaceAndDate.ShouldBe(expected);
}
