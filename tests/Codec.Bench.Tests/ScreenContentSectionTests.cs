using RegionCodec.Benchmarks;

namespace RegionCodec.Bench.Tests;

/// <summary>
/// The screen-content section of docs/benchmarks.md is spliced between its markers: a screen-only run replaces just
/// that section (or puts it before the speed section the first time) and leaves every other section as it was.
/// </summary>
public class ScreenContentSectionTests
{
    private const string Doc = "# Benchmarks\n\n## Rate-distortion\n\nkodak tables\n\n## Speed\n\nspeed tables\n";

    private static string Section(string body) =>
        "<!-- screen-content:begin (report --sets screen) -->\n## Screen content\n\n" + body + "\n<!-- screen-content:end -->\n";

    [Fact]
    public void FirstRun_InsertsBeforeTheSpeedSection()
    {
        string spliced = ScreenContentSection.Splice(Doc, Section("first"));
        Assert.True(spliced.IndexOf("kodak tables", StringComparison.Ordinal) < spliced.IndexOf("## Screen content", StringComparison.Ordinal));
        Assert.True(spliced.IndexOf("## Screen content", StringComparison.Ordinal) < spliced.IndexOf("## Speed", StringComparison.Ordinal));
        Assert.Contains("speed tables", spliced);
    }

    [Fact]
    public void LaterRun_ReplacesOnlyTheSection()
    {
        string once = ScreenContentSection.Splice(Doc, Section("first"));
        string twice = ScreenContentSection.Splice(once, Section("second"));
        Assert.DoesNotContain("first", twice);
        Assert.Equal(2, twice.Split("## Screen content").Length);
        Assert.Equal(once.Replace("first", "second", StringComparison.Ordinal), twice);
    }

    [Fact]
    public void Existing_ReadsTheSectionBackForARunWithoutTheScreenSet()
    {
        string path = Path.Combine(Path.GetTempPath(), $"rsg-screen-{Guid.NewGuid():N}.md");
        try
        {
            File.WriteAllText(path, ScreenContentSection.Splice(Doc, Section("kept")));
            string? section = ScreenContentSection.Existing(path);
            Assert.NotNull(section);
            Assert.StartsWith("<!-- screen-content:begin", section, StringComparison.Ordinal);
            Assert.Contains("kept", section);
            Assert.Null(ScreenContentSection.Existing(path + ".missing"));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
