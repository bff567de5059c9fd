using System.Text;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing.Processors.Quantization;

namespace RegionCodec.Tools;

/// <summary>
/// The picture <c>decode --mask-out</c> writes. By default an indexed PNG, one palette colour per label:
/// neighbouring labels differ in hue (golden-angle steps) and each label is brighter than the one before, so
/// the regions are easy to tell apart and, read back as gray (<c>encode --mask</c> takes distinct gray values in
/// increasing order as labels 0, 1, ...), the file gives the same labels again. <c>--mask-format labels</c>
/// writes the raw label numbers as gray levels (0, 1, 2, ...) for scripts.
/// </summary>
internal static class MaskPicture
{
    private const double DarkestLuma = 24, BrightestLuma = 232;

    /// <summary>Writes <paramref name="labels"/> (<paramref name="width"/> x <paramref name="height"/> cells) as a PNG.</summary>
    public static void Save(Stream output, byte[] labels, int width, int height, int regionCount, bool rawLabels)
    {
        if (rawLabels)
        {
            using Image<L8> raw = Image.LoadPixelData<L8>(ImageIo.Configuration, labels, width, height);
            raw.SaveAsPng(output);
            return;
        }

        Rgb24[] palette = Palette(regionCount);
        byte[] rgb = new byte[labels.Length * 3];
        for (int i = 0; i < labels.Length; i++)
        {
            Rgb24 c = palette[labels[i]];
            rgb[3 * i] = c.R;
            rgb[(3 * i) + 1] = c.G;
            rgb[(3 * i) + 2] = c.B;
        }

        using Image<Rgb24> image = Image.LoadPixelData<Rgb24>(ImageIo.Configuration, rgb, width, height);
        var quantizer = new PaletteQuantizer(palette.Select(c => new Color(c)).ToArray(), new QuantizerOptions { Dither = null, MaxColors = 256 });
        image.SaveAsPng(output, new PngEncoder { ColorType = PngColorType.Palette, BitDepth = PngBitDepth.Bit8, Quantizer = quantizer });
    }

    /// <summary>
    /// The colour of each label of a file with <paramref name="regionCount"/> regions: BT.709 luma spread evenly from
    /// 24 (label 0) to 232 (the last label), hue turning by the golden angle from label to label, as saturated as the
    /// RGB cube allows at that luma (times 0.85, so no channel sits at a limit).
    /// </summary>
    public static Rgb24[] Palette(int regionCount)
    {
        var palette = new Rgb24[Math.Max(regionCount, 1)];
        for (int label = 0; label < palette.Length; label++)
        {
            double luma = palette.Length == 1 ? DarkestLuma : DarkestLuma + ((BrightestLuma - DarkestLuma) * label / (palette.Length - 1));
            double hue = label * 137.50776 * Math.PI / 180;

            // A chroma direction of unit length in (Cb, Cr), turned into RGB offsets per unit (BT.709).
            double cb = Math.Cos(hue), cr = Math.Sin(hue);
            double dr = 1.5748 * cr, dg = (-0.1873 * cb) - (0.4681 * cr), db = 1.8556 * cb;
            double scale = double.MaxValue;
            foreach (double d in new[] { dr, dg, db })
            {
                if (d > 0)
                {
                    scale = Math.Min(scale, (255 - luma) / d);
                }
                else if (d < 0)
                {
                    scale = Math.Min(scale, luma / -d);
                }
            }

            scale *= 0.85;
            palette[label] = new Rgb24(Channel(luma + (scale * dr)), Channel(luma + (scale * dg)), Channel(luma + (scale * db)));
        }

        return palette;
    }

    /// <summary>
    /// One line per label: its colour (or gray level) and, when the file names its regions, the name.
    /// <paramref name="names"/> is the hook for stored region names; null prints none.
    /// </summary>
    public static string Legend(int regionCount, bool rawLabels, IReadOnlyList<string?>? names = null)
    {
        Rgb24[] palette = Palette(regionCount);
        var text = new StringBuilder(rawLabels ? "  mask legend (gray level = label):" : "  mask legend (label: colour):");
        for (int label = 0; label < regionCount; label++)
        {
            string name = names is not null && label < names.Count && !string.IsNullOrEmpty(names[label]) ? $"  {names[label]}" : string.Empty;
            text.AppendLine();
            text.Append(rawLabels
                ? $"    {label,3}  gray {label,3}{name}"
                : $"    {label,3}  #{palette[label].R:x2}{palette[label].G:x2}{palette[label].B:x2}  ({palette[label].R,3}, {palette[label].G,3}, {palette[label].B,3}){name}");
        }

        return text.ToString();
    }

    private static byte Channel(double value) => (byte)Math.Clamp(Math.Round(value), 0, 255);
}
