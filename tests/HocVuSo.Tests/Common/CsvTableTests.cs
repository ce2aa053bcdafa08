using System.Text;
using HocVuSo.Core.Common;

namespace HocVuSo.Tests.Common;

public class CsvTableTests
{
    private static readonly string[] Columns = ["commune_code", "name", "kind"];

    private static Stream Utf8(string text, bool bom = false)
    {
        var bytes = new UTF8Encoding(bom).GetPreamble().Concat(Encoding.UTF8.GetBytes(text)).ToArray();
        return new MemoryStream(bytes);
    }

    [Fact]
    public void Read_AcceptsBomSemicolonsAndQuotedValues()
    {
        var result = CsvTable.Read(Utf8("commune_code;name;kind\r\n24445;\"Buôn; Mới\";buon\r\n24445;Thôn 9;thon\r\n", bom: true), Columns);

        result.IsSuccess.ShouldBeTrue();
        result.Value!.Count.ShouldBe(2);
        result.Value[0]["name"].ShouldBe("Buôn; Mới");
        result.Value[0].Line.ShouldBe(2);
        result.Value[1].Line.ShouldBe(3);
    }

    [Fact]
    public void Read_NormalisesDecomposedText()
    {
        var text = "commune_code,name,kind\n24445,Buôn Đắk,buon\n".Normalize(NormalizationForm.FormD);

        var result = CsvTable.Read(Utf8(text), Columns);

        result.Value![0]["name"].ShouldBe("Buôn Đắk");
        result.Value[0]["name"].IsNormalized(NormalizationForm.FormC).ShouldBeTrue();
    }

    [Fact]
    public void Read_NamesMissingColumns()
    {
        var result = CsvTable.Read(Utf8("commune_code,name\n24445,X\n"), Columns);

        result.IsSuccess.ShouldBeFalse();
        result.FirstError.Code.ShouldBe("csv.missing_columns");
        result.FirstError.Args[0].ShouldBe("kind");
    }

    [Fact]
    public void Read_NamesUnknownColumns()
    {
        var result = CsvTable.Read(Utf8("commune_code,name,kind,note\n24445,X,thon,y\n"), Columns);

        result.FirstError.Code.ShouldBe("csv.unknown_columns");
        result.FirstError.Args[0].ShouldBe("note");
    }

    [Fact]
    public void Read_ReportsARowWithTooManyValues()
    {
        var result = CsvTable.Read(Utf8("commune_code,name,kind\n24445,X,thon\n24445,Y,thon,extra\n"), Columns);

        result.FirstError.Code.ShouldBe("csv.too_many_values");
        result.FirstError.Row.ShouldBe(3);
    }

    [Fact]
    public void Read_RejectsAnEmptyFile() =>
        CsvTable.Read(Utf8("   \n"), Columns).FirstError.Code.ShouldBe("csv.empty");
}
