using HocVuSo.Core.Features.Oversight;

namespace HocVuSo.Tests.Features.Oversight;

public class CommunicationLinksTests
{
    [Theory]
    [InlineData("http://127.0.0.1/", "communications.url_private")]
    [InlineData("http://127.1/", "communications.url_private")]
    [InlineData("http://2130706433/", "communications.url_private")]
    [InlineData("http://0.0.0.0/", "communications.url_private")]
    [InlineData("http://10.0.0.5/a", "communications.url_private")]
    [InlineData("http://172.16.4.1/", "communications.url_private")]
    [InlineData("http://172.31.255.255/", "communications.url_private")]
    [InlineData("http://192.168.0.1/", "communications.url_private")]
    [InlineData("http://169.254.169.254/", "communications.url_private")]
    [InlineData("http://100.64.0.1/", "communications.url_private")]
    [InlineData("http://[::1]/", "communications.url_private")]
    [InlineData("http://[fe80::1]/", "communications.url_private")]
    [InlineData("http://[fd00::1]/", "communications.url_private")]
    [InlineData("http://[::ffff:192.168.1.1]/", "communications.url_private")]
    [InlineData("http://localhost/", "communications.url_private")]
    [InlineData("http://app.localhost/", "communications.url_private")]
    [InlineData("http://intranet/", "communications.url_private")]
    [InlineData("file:///etc/passwd", "communications.url_scheme")]
    [InlineData("ftp://example.vn/a", "communications.url_scheme")]
    [InlineData("javascript:alert(1)", "communications.url_scheme")]
    [InlineData("www.example.vn/tin", "communications.url_scheme")]
    [InlineData("https://user:secret@example.vn/", "communications.url_scheme")]
    public void Check_RefusesWhatIsNotAPublicHttpLink(string link, string code) =>
        CommunicationLinks.Check(link).FirstError.Code.ShouldBe(code);

    [Theory]
    [InlineData("https://www.facebook.com/xaeatrang/posts/123")]
    [InlineData("http://172.32.0.1/")]
    [InlineData("https://8.8.8.8/")]
    [InlineData("https://youtu.be/AbC_123")]
    public void Check_TakesPublicLinks(string link) =>
        CommunicationLinks.Check(link).Value.ShouldBe(link);

    [Fact]
    public void Key_IgnoresHostCase_TrailingSlashAndFragment_ButKeepsThePathsCase()
    {
        CommunicationLinks.Key("HTTPS://Xa.Example.VN/tin/1/#top").ShouldBe(CommunicationLinks.Key("https://xa.example.vn/tin/1"));
        CommunicationLinks.Key("https://youtu.be/AbC").ShouldNotBe(CommunicationLinks.Key("https://youtu.be/abc"));
    }

    [Fact]
    public void Languages_AreThreeLetterCodes_OnceEach_VietnameseFirst()
    {
        CommunicationLanguages.All[0].Code.ShouldBe("vie");
        CommunicationLanguages.All.ShouldAllBe(l => l.Code.Length == 3 && l.Code.All(char.IsAsciiLetterLower));
        CommunicationLanguages.All.Select(l => l.Code).Distinct().Count().ShouldBe(CommunicationLanguages.All.Count);
        CommunicationLanguages.Find(" RAD ")!.NameVi.ShouldBe("Tiếng Ê Đê");
        CommunicationLanguages.Find("xyz").ShouldBeNull();
    }
}
