using System.ComponentModel;
using System.Globalization;
using RegionCodec.Segmentation;
using Spectre.Console.Cli;

namespace RegionCodec.Tools;

/// <summary>Options every command has.</summary>
/// <remarks>Public properties are kept for <see cref="Validate"/>'s reflection (and the trimmer is told so).</remarks>
[System.Diagnostics.CodeAnalysis.DynamicallyAccessedMembers(System.Diagnostics.CodeAnalysis.DynamicallyAccessedMemberTypes.PublicProperties)]
internal class CommonSettings : CommandSettings
{
    [CommandOption("--verbose")]
    [Description("Print stack traces with errors (and per-file lines in batch).")]
    public bool Verbose { get; set; }

    /// <summary>What Spectre puts in a value option given last with no value (it takes the default command's name).</summary>
    private const string MissingValueArtefact = "__default_command";

    /// <summary>An option that needs a value and was given none (<c>--quality</c> at the end of the line) is a usage error naming it.</summary>
    public override Spectre.Console.ValidationResult Validate()
    {
        foreach (System.Reflection.PropertyInfo property in GetType().GetProperties())
        {
            if (property.GetCustomAttributes(typeof(CommandOptionAttribute), true).FirstOrDefault() is CommandOptionAttribute option
                && property.GetValue(this) is string value && value == MissingValueArtefact)
            {
                return Spectre.Console.ValidationResult.Error($"--{option.LongNames.FirstOrDefault() ?? option.ShortNames.First()} needs a value");
            }
        }

        return base.Validate();
    }
}

/// <summary>The encoding options shared by encode and batch.</summary>
internal class EncodeOptionSettings : CommonSettings
{
    [CommandOption("-q|--quality <Q>")]
    [Description("One quality 1..100 (default 75; with --mask or an OpenCV method the regions get rate-allocated qualities so the file is at most the size of one region at Q, see --roi-weight; with activity: bg 0.4*Q .. fg Q+0.6*(100-Q)), or per region: fg=90,bg=30 | detail=85,smooth=40 | face=95 | 0=20 (label number); fg = highest label, bg = label 0.")]
    public string? Quality { get; set; }

    [CommandOption("-s|--segment <METHOD>")]
    [Description("Segmentation: " + Segmenting.MethodsMarkup + ".")]
    public string? Segment { get; set; }

    [CommandOption("--mask <FILE>")]
    [Description("A grayscale image whose distinct values are the labels (darkest = label 0 = background); scaled to the image. Regions are named value0, value255, ...")]
    public string? Mask { get; set; }

    [CommandOption("--roi-weight <W>")]
    [Description("Rate allocation (--mask and OpenCV methods, without per-region qualities): how much more the most important region's error counts than the background's (default 16; regions between get W^(l/(n-1))). The quantizer step ratio is sqrt(W).")]
    public string? RoiWeight { get; set; }

    [CommandOption("--target-size <SIZE>")]
    [Description("Search the quality (or the scale of the per-region qualities, or with rate allocation the allocator's scale) so the file is at or just under SIZE: 12000, 50KB, 1.5MB (KB/MB = 1000/1000000 bytes), 64KiB (1024).")]
    public string? TargetSize { get; set; }

    [CommandOption("--subsampling <420|444>")]
    [Description("Chroma resolution: 420 (default, half) or 444 (full).")]
    public string? Subsampling { get; set; }

    [CommandOption("--lossless")]
    [Description("Code the whole image losslessly (one lossless region, no segmentation): every sample decodes exactly; gray and alpha are kept.")]
    public bool Lossless { get; set; }

    [CommandOption("--gray")]
    [Description("Encode as grayscale (a colour image is converted to luma).")]
    public bool Gray { get; set; }

    [CommandOption("--color")]
    [Description("Keep colour: code an image whose R, G and B are equal everywhere as YCbCr too (by default such an image, like a grayscale one, is coded as gray: smaller, same pixels).")]
    public bool Color { get; set; }

    [CommandOption("--tables <tilted|jpeg>")]
    [Description("Base quantization tables: tilted (default; fewer bits for the same fidelity) or jpeg (ITU T.81 Annex K: quality Q quantizes exactly like cjpeg -quality Q).")]
    public string? Tables { get; set; }

    [CommandOption("--no-deblock")]
    [Description("Do not ask decoders to run the deblocking filter (on by default; it smooths block seams at low qualities).")]
    public bool NoDeblock { get; set; }

    [CommandOption("--cell <1|2|4|8>")]
    [Description("Mask cell size in pixels (default 8).")]
    [DefaultValue(8)]
    public int Cell { get; set; } = 8;

    [CommandOption("--no-graphics")]
    [Description("perceptual (the default) and auto: do not look for text, UI and graphics, which otherwise become one more region, \"graphics\", coded losslessly (photographs have none).")]
    public bool NoGraphics { get; set; }

    [CommandOption("-f|--force")]
    [Description("Overwrite existing outputs.")]
    public bool Force { get; set; }

    [CommandOption("--allow-large")]
    [Description("Encode an image beyond the default decoder limits (268435456 pixels, 1048576 per side); decoders then need a raised limit (rsgconv: --max-pixels).")]
    public bool AllowLarge { get; set; }

    [CommandOption("--strip-metadata")]
    [Description("Leave the ICC profile, EXIF and XMP out of the output: encode keeps them from the input by default (batch decode writes them into PNG and JPEG outputs). Region names are always stored.")]
    public bool StripMetadata { get; set; }

    public EncodeSettingsResolved Resolve(int threads)
    {
        if (Gray && Color)
        {
            throw new UsageException("--gray and --color contradict each other; give one");
        }

        if (Lossless && (Segment is not null || Mask is not null || Quality is not null || TargetSize is not null))
        {
            throw new UsageException("--lossless codes one lossless region: it takes no --segment, --mask, --quality or --target-size");
        }

        var segmenting = Segmenting.Parse(Lossless ? "none" : Segment, Mask, Cell, detectGraphics: !NoGraphics);
        return new EncodeSettingsResolved(
            segmenting,
            QualitySpec.Parse(Quality),
            Subsampling switch
            {
                null or "420" => RsgChromaSubsampling.Yuv420,
                "444" => RsgChromaSubsampling.Yuv444,
                string s => throw new UsageException($"--subsampling must be 420 or 444, not '{s}'"),
            },
            Gray,
            Cell,
            TargetSize is null ? null : SizeParser.Parse(TargetSize, "--target-size"),
            threads,
            Tables switch
            {
                null or "tilted" => RsgQuantizationTables.Tilted,
                "jpeg" => RsgQuantizationTables.JpegAnnexK,
                string t => throw new UsageException($"--tables must be tilted or jpeg, not '{t}'"),
            },
            !NoDeblock,
            ParseRoiWeight(RoiWeight),
            AllowLarge,
            StripMetadata,
            Color,
            Lossless);
    }

    private static double ParseRoiWeight(string? text)
    {
        if (text is null)
        {
            return RsgRateAllocator.DefaultRoiWeight;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double w) || !double.IsFinite(w) || w <= 0)
        {
            throw new UsageException($"--roi-weight must be a number > 0, not '{text}'");
        }

        return w;
    }

    public static int ResolveThreads(int? threads, string option) => threads switch
    {
        null or 0 => Environment.ProcessorCount,
        < 0 or > 1024 => throw new UsageException($"{option} must be 0 (all cores) .. 1024, not {threads}"),
        int n => n,
    };
}
