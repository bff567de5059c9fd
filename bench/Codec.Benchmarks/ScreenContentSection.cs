using System.Globalization;
using System.Text;
using RegionCodec.Segmentation;

namespace RegionCodec.Benchmarks;

/// <summary>
/// The "Screen content" section of docs/benchmarks.md: the lossy sweep of the <c>screen</c> set against libjpeg-turbo,
/// what the compound detector flags in each image, and the lossless peers. It sits between markers so a run of the
/// screen set alone (<c>report --sets screen</c>) replaces just this section, and a run without it keeps it.
/// </summary>
internal static class ScreenContentSection
{
    public const string SetName = "screen";
    private const string Begin = "<!-- screen-content:begin (report --sets screen) -->";
    private const string End = "<!-- screen-content:end -->";
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The section (markers included) from an earlier benchmarks.md, or null.</summary>
    public static string? Existing(string markdownPath)
    {
        if (!File.Exists(markdownPath))
        {
            return null;
        }

        string md = File.ReadAllText(markdownPath);
        int b = md.IndexOf(Begin, StringComparison.Ordinal), e = md.IndexOf(End, StringComparison.Ordinal);
        return b >= 0 && e > b ? md[b..(e + End.Length)] + Environment.NewLine : null;
    }

    /// <summary>Replaces the section in <paramref name="markdown"/>, or inserts it before the speed section (else at the end).</summary>
    public static string Splice(string markdown, string section)
    {
        int b = markdown.IndexOf(Begin, StringComparison.Ordinal), e = markdown.IndexOf(End, StringComparison.Ordinal);
        if (b >= 0 && e > b)
        {
            int after = e + End.Length;
            while (after < markdown.Length && markdown[after] is '\r' or '\n')
            {
                after++;
            }

            return markdown[..b] + section + Environment.NewLine + markdown[after..];
        }

        int speed = markdown.IndexOf("## Speed", StringComparison.Ordinal);
        return speed >= 0 ? markdown[..speed] + section + Environment.NewLine + markdown[speed..] : markdown + Environment.NewLine + section;
    }

    /// <summary>The section for the screen images <paramref name="files"/> from the sweep <paramref name="rd"/>.</summary>
    public static string Write(List<RdPoint> rd, List<RdCodec> codecs, IReadOnlyList<string> files, List<LosslessCodec> lossless, string command, string csvName)
    {
        var md = new StringBuilder();
        md.AppendLine(Begin);
        md.AppendLine("## Screen content");
        md.AppendLine();
        md.AppendLine(Inv, $"Screenshots, rendered web pages and UIs ({files.Count} images, the `screen` folder of `--images`; this run: `report {command}`).");
        md.AppendLine("The rate-distortion method and the codec commands are those of the photograph sets above; BD-rate against libjpeg-turbo,");
        md.AppendLine("negative = fewer bits at equal quality. `.rsg (default)` is what `rsgconv encode -q Q` does: the perceptual classes plus");
        md.AppendLine("the `graphics` region the compound detector finds, lossless where that does not make the file larger (else DCT at Q); `.rsg (perceptual classes, no graphics region)` is the same with");
        md.AppendLine("`--no-graphics`.");
        md.AppendLine();
        var points = rd.Where(p => p.Set == SetName).ToList();
        if (!points.Any(p => p.Codec == "jpeg"))
        {
            md.AppendLine("_libjpeg-turbo is not installed or the sweep did not run, so no BD-rates._");
            md.AppendLine();
        }
        else
        {
            int images = points.Select(p => p.Image).Distinct().Count();
            md.AppendLine(Inv, $"BD-rate against libjpeg-turbo (mean over {images} images; n = images where the curves overlap):");
            md.AppendLine();
            ReportCommand.BdTable(md, rd, codecs.Where(c => points.Any(p => p.Codec == c.Id)).ToList(), SetName, RdReport.Metrics.Where(m => !m.Roi && points.Any(p => !double.IsNaN(m.Get(p)))).ToArray());
        }

        if (!points.Any(p => p.Codec == "rsg-default"))
        {
            md.AppendLine("_No `.rsg (default)` row in this run: its graphics region needs the lossless region mode. With it, run `report --sets screen --codecs jpeg,rsg,rsg-default,rsg-perceptual,avif,jxl --lossless-codecs png,webp-lossless,jxl-lossless,rsg-lossless`._");
            md.AppendLine();
        }

        md.AppendLine("Per image: what the compound detector (`CompoundDetector`, default settings) flags as text, UI and graphics, and the");
        md.AppendLine("size of each lossless coder in bits per pixel (lower is better):");
        md.AppendLine();
        md.AppendLine("| Image | Size | Graphics cells | " + string.Join(" | ", lossless.Select(c => $"{c.Label} (bpp)")) + " |");
        md.AppendLine("|---|--:|--:|" + string.Concat(Enumerable.Repeat("--:|", lossless.Count)));
        var sums = new double[lossless.Count];
        DirectoryInfo work = Directory.CreateTempSubdirectory("rsg-lossless-");
        try
        {
            foreach (string file in files)
            {
                RgbImage image = RgbImage.Load(file);
                double pixels = (double)image.Width * image.Height;
                CompoundMap map = new CompoundDetector().Detect(image.Pixels, image.Width, image.Height, image.Stride, RsgPixelFormat.Rgb24);
                var cells = new List<string>();
                for (int i = 0; i < lossless.Count; i++)
                {
                    double bpp = lossless[i].Bytes(file, work.FullName) * 8.0 / pixels;
                    sums[i] += bpp;
                    cells.Add(bpp.ToString("F3", Inv));
                }

                md.AppendLine(Inv, $"| {Path.GetFileNameWithoutExtension(file)} | {image.Width}x{image.Height} | {map.SyntheticFraction * 100:F1}% | {string.Join(" | ", cells)} |");
            }
        }
        finally
        {
            work.Delete(recursive: true);
        }

        md.AppendLine(Inv, $"| **mean** | | | {string.Join(" | ", sums.Select(s => (s / Math.Max(1, files.Count)).ToString("F3", Inv)))} |");
        md.AppendLine();
        md.AppendLine("Lossless commands: " + string.Join("; ", lossless.Select(c => $"{c.Label}: `{c.Command}`")) + ".");
        md.AppendLine();
        md.AppendLine($"All points of this section: [`{csvName}`]({csvName}).");
        md.AppendLine();
        md.AppendLine(End);
        return md.ToString();
    }
}
