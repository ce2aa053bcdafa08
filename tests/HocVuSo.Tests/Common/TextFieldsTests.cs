using HocVuSo.Core.Common;

namespace HocVuSo.Tests.Common;

public class TextFieldsTests
{
    [Theory]
    [InlineData("https://eatrang.daklak.gov.vn/tin-tuc/1", true)]
    [InlineData("http://example.vn", true)]
    [InlineData("javascript:alert(1)", false)]
    [InlineData("data:text/html,<b>x</b>", false)]
    [InlineData("file:///etc/passwd", false)]
    [InlineData("ftp://example.vn/a", false)]
    [InlineData("https://eatrang.gov.vn@elsewhere.example/", false)]
    [InlineData("https://user:secret@example.vn/", false)]
    [InlineData("/relative/path", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void WebLinks_AcceptOnlyAbsoluteHttpLinksWithAHostAndNoUserInfo(string? url, bool accepted) =>
        WebLinks.IsWebLink(url).ShouldBe(accepted);

    [Fact]
    public void Required_NamesTheFieldWhenBlank_AndTheLimitWhenTooLong()
    {
        var errors = new List<Error>();
        TextFields.Required("   ", "title", 5, "awards.text_too_long", errors).ShouldBeNull();
        TextFields.Required("  Thôn   Một  ", "title", 20, "awards.text_too_long", errors).ShouldBe("Thôn Một");
        TextFields.Required("quá dài rồi", "number", 5, "awards.text_too_long", errors);
        TextFields.Optional(null, "comment", 5, "awards.text_too_long", errors).ShouldBeNull();
        TextFields.Optional("dài hơn năm", "comment", 5, "awards.text_too_long", errors);

        errors.Select(e => $"{e.Code} {e.Field}").ToArray().ShouldBe(["field.required title", "awards.text_too_long number", "awards.text_too_long comment"]);
    }
}
