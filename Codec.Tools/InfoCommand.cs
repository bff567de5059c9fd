using System.ComponentModel;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Spectre.Console.Cli;

namespace RegionCodec.Tools;

internal sealed class InfoSettings : DecoderSettings
{
    [CommandArgument(0, "<IN>")]
    [Description("An .rsg file, or - for standard input.")]
    public string Input { get => _input; set => _input = Stdio.FromToken(value); }

    private string _input = "";

    [CommandOption("--json")]
    [Description("Print JSON (stable field names, see the README) instead of text.")]
    public bool Json { get; set; }

    [CommandOption("--bytes")]
    [Description("Also measure what each region, the mask and the alpha plane cost, and each region's share of the pixels (entropy-decodes every strip, so it takes time in proportion to the file; without it info reads only the headers and the chunk table).")]
    public bool Bytes { get; set; }
}

/// <summary>
/// rsgconv info IN.rsg: header, regions (quality, mode, name), metadata and chunks, from the container alone
/// (checked as a decode checks it, payloads not decoded); with --bytes also each region's share of the pixels
/// and its measured bytes (spec/rsg.md §17).
/// </summary>
internal sealed class InfoCommand : Command<InfoSettings>
{
    public const string RegionBytesMethod = RsgRegionCosts.Method;

    public override int Execute(CommandContext context, InfoSettings settings, CancellationToken cancellationToken)
    {
        byte[] data = Errors.About(settings.Input, () => ImageIo.ReadAll(settings.Input, cancellationToken));
        RsgDecoderOptions limits = settings.DecoderOptions();
        Errors.About(settings.Input, () => NotAnRsgFile.ThrowIfOtherFormat(data));
        FileReport report = Errors.About(settings.Input, () => Analyze(settings.Input == "-" ? "-" : settings.Input, data, settings.Bytes, cancellationToken, limits));
        if (settings.Json)
        {
            Console.Out.WriteLine(JsonSerializer.Serialize(report, InfoJson.Default.FileReport));
            return ExitCodes.Ok;
        }

        Console.Out.WriteLine(Text(settings.Input == "-" ? "<stdin>" : settings.Input, report));
        return ExitCodes.Ok;
    }

    /// <summary>The human-readable report: header line, regions with their measured bytes, mask and overhead lines, chunks.</summary>
    public static string Text(string name, FileReport report)
    {
        var text = new StringBuilder();
        text.AppendLine($"{name}: {report.Width}x{report.Height} {report.ColorModel}"
            + (report.Subsampling is null ? string.Empty : $" {report.Subsampling}")
            + $", {report.FileBytes} bytes ({report.BitsPerPixel:F3} bpp), mask cell {report.MaskCellSize}px, {report.StripCount} strip(s) of {report.StripHeight} rows, "
            + $"{report.QuantizationTables} tables, deblocking {(report.Deblocking ? "on" : "off")}, alpha: {(report.Alpha ? "yes" : "no")}");
        // The name column is as wide as the longest name (names are at most a few words; "-" when the file has none).
        int nameWidth = Math.Max(4, report.Regions.Max(r => (r.Name ?? "-").Length));
        if (report.MaskBytes is not long maskBytes)
        {
            text.AppendLine($"  regions ({report.Regions.Count}):".PadRight(16) + $"{"name".PadRight(nameWidth)}  quality  mode");
            foreach (RegionReport r in report.Regions)
            {
                text.AppendLine($"    {r.Label,3}         {(r.Name ?? "-").PadRight(nameWidth)}      {r.Quality,3}  {r.Mode}");
            }
        }
        else
        {
            bool planes = report.Regions[0].PlaneBytes!.Count > 1;
            text.AppendLine($"  regions ({report.Regions.Count}):".PadRight(16) + $"{"name".PadRight(nameWidth)}  quality  mode     pixels      bytes   of file" + (planes ? "   Y / Cb / Cr" : string.Empty));
            foreach (RegionReport r in report.Regions)
            {
                text.AppendLine($"    {r.Label,3}         {(r.Name ?? "-").PadRight(nameWidth)}      {r.Quality,3}  {r.Mode,-6}  {r.PixelShare * 100,6:F1}%  {r.Bytes,9}  {Share(r.Bytes!.Value, report.FileBytes)}"
                    + (planes ? $"   {string.Join(" / ", r.PlaneBytes!)}" : string.Empty));
            }

            text.AppendLine($"    mask".PadRight(44 + nameWidth) + $"{maskBytes,9}  {Share(maskBytes, report.FileBytes)}");
            if (report.Alpha)
            {
                text.AppendLine($"    alpha".PadRight(44 + nameWidth) + $"{report.AlphaBytes,9}  {Share(report.AlphaBytes!.Value, report.FileBytes)}");
            }

            text.AppendLine($"    overhead".PadRight(44 + nameWidth) + $"{report.OverheadBytes,9}  {Share(report.OverheadBytes!.Value, report.FileBytes)}   "
                + $"container {report.ContainerBytes}, range coder {report.CoderBytes}");
            text.AppendLine($"    total".PadRight(44 + nameWidth) + $"{report.FileBytes,9}");
        }

        MetadataReport m = report.Metadata;
        text.AppendLine("  metadata: "
            + $"ICC {(m.Icc is { } icc ? $"{icc.Bytes} bytes{(icc.Description is null ? "" : $" \"{icc.Description}\"")}" : "none")}, "
            + $"EXIF {(m.Exif is { } exif ? $"{exif.Bytes} bytes{(exif.Orientation is int o ? $", orientation {o}" : "")}" : "none")}, "
            + $"XMP {(m.Xmp is { } xmp ? $"{xmp.Bytes} bytes" : "none")}");
        text.AppendLine("  chunks:   count     bytes");
        foreach (ChunkTypeReport c in report.ChunkTypes)
        {
            text.AppendLine($"    {c.Type}  {c.Count,7}  {c.Bytes,8}");
        }

        text.AppendLine($"    signature       {8,8}");
        text.Append(report.MaskBytes is null
            ? "  (chunk bytes include the 12 bytes of length, type and CRC; --bytes measures what each region costs)"
            : "  (region bytes: the " + RegionBytesMethod + ", rounded half up; the mask's decisions likewise; overhead is the rest: "
                + "chunk framing and headers, and the range coder's flush. Chunk bytes include the 12 bytes of length, type and CRC)");
        return text.ToString();
    }

    private static string Share(long bytes, long total) => $"{(total == 0 ? 0 : 100.0 * bytes / total),6:F1}%";

    /// <summary>
    /// The report of one file. Without <paramref name="measure"/> only the container is read and checked (time and
    /// memory independent of the pixel count); with it every strip is entropy-decoded to measure the costs.
    /// </summary>
    public static FileReport Analyze(string name, byte[] data, bool measure, CancellationToken cancellationToken, RsgDecoderOptions? limits = null)
    {
        // Measuring checks everything a decode checks (CRCs, chunk order, payloads) and counts each region's pixels;
        // without it the container is checked as a decode checks it before allocating.
        RsgRegionCosts? costs = measure ? RsgDecoder.MeasureRegionCosts(data, limits, cancellationToken) : null;
        RsgImageInfo info = costs?.Info ?? RsgDecoder.CheckContainer(data, limits);
        List<ChunkReport> chunks = ReadChunks(data);
        int regionCount = info.Regions.Count, planeCount = info.ColorModel == RsgColorModel.Gray ? 1 : 3;
        long imagePixels = (long)info.Width * info.Height;
        var regions = new List<RegionReport>();
        for (int l = 0; l < regionCount; l++)
        {
            RsgRegion region = info.Regions[l];
            if (costs is null)
            {
                regions.Add(new RegionReport(l, region.Quality, region.Mode.ToString(), null, null, null, null, region.Name));
                continue;
            }

            long[] planeBytes = new long[planeCount];
            for (int p = 0; p < planeCount; p++)
            {
                planeBytes[p] = costs.PlaneBytes(l, p);
            }

            regions.Add(new RegionReport(l, region.Quality, region.Mode.ToString(), Math.Round((double)costs.RegionPixels[l] / imagePixels, 4),
                costs.RegionBytes[l], Math.Round(costs.RegionBits(l), 3), planeBytes, region.Name));
        }

        var types = chunks.GroupBy(c => c.Type).Select(g => new ChunkTypeReport(g.Key, g.Count(), g.Sum(c => c.Bytes))).ToList();
        return new FileReport(
            name == "-" ? null : name,
            data.Length,
            info.Width,
            info.Height,
            info.ColorModel == RsgColorModel.Gray ? "gray" : "ycbcr",
            info.ColorModel == RsgColorModel.Gray ? null : info.Subsampling == RsgChromaSubsampling.Yuv420 ? "4:2:0" : "4:4:4",
            Math.Round(8.0 * data.Length / imagePixels, 4),
            info.MaskCellSize,
            info.StripHeight,
            info.StripCount,
            info.QuantizationTables == RsgQuantizationTables.Tilted ? "tilted" : "jpeg",
            info.Deblocking,
            info.HasAlpha,
            regions,
            costs?.MaskBytes,
            costs?.AlphaBytes,
            costs?.OverheadBytes,
            costs?.ContainerBytes,
            costs?.CoderBytes,
            costs is null ? null : RegionBytesMethod,
            types,
            chunks,
            MetadataReport.Of(info.Metadata));
    }

    /// <summary>The chunks after the 8-byte signature: [u32 BE length][type][data][u32 CRC], up to REND.</summary>
    public static List<ChunkReport> ReadChunks(byte[] data)
    {
        var chunks = new List<ChunkReport>();
        foreach (RsgChunk chunk in RsgChunk.Walk(data))
        {
            chunks.Add(new ChunkReport(chunk.TypeText, chunk.Offset, chunk.Length, chunk.Size));
            if (chunk.TypeText == "REND")
            {
                break;
            }
        }

        return chunks;
    }
}

internal sealed record FileReport(
    [property: JsonPropertyName("file")] string? File,
    [property: JsonPropertyName("fileBytes")] long FileBytes,
    [property: JsonPropertyName("width")] int Width,
    [property: JsonPropertyName("height")] int Height,
    [property: JsonPropertyName("colorModel")] string ColorModel,
    [property: JsonPropertyName("subsampling")] string? Subsampling,
    [property: JsonPropertyName("bitsPerPixel")] double BitsPerPixel,
    [property: JsonPropertyName("maskCellSize")] int MaskCellSize,
    [property: JsonPropertyName("stripHeight")] int StripHeight,
    [property: JsonPropertyName("stripCount")] int StripCount,
    [property: JsonPropertyName("quantizationTables")] string QuantizationTables,
    [property: JsonPropertyName("deblocking")] bool Deblocking,
    [property: JsonPropertyName("alpha")] bool Alpha,
    [property: JsonPropertyName("regions")] IReadOnlyList<RegionReport> Regions,
    [property: JsonPropertyName("maskBytes")] long? MaskBytes,
    [property: JsonPropertyName("alphaBytes")] long? AlphaBytes,
    [property: JsonPropertyName("overheadBytes")] long? OverheadBytes,
    [property: JsonPropertyName("containerBytes")] long? ContainerBytes,
    [property: JsonPropertyName("coderBytes")] long? CoderBytes,
    [property: JsonPropertyName("regionBytesMethod")] string? RegionBytesMethod,
    [property: JsonPropertyName("chunkTypes")] IReadOnlyList<ChunkTypeReport> ChunkTypes,
    [property: JsonPropertyName("chunks")] IReadOnlyList<ChunkReport> Chunks,
    [property: JsonPropertyName("metadata")] MetadataReport Metadata);

/// <summary>The metadata chunks a decoder keeps (spec/rsg.md §3.3): each null when absent or ignored.</summary>
internal sealed record MetadataReport(
    [property: JsonPropertyName("icc")] IccReport? Icc,
    [property: JsonPropertyName("exif")] ExifReport? Exif,
    [property: JsonPropertyName("xmp")] XmpReport? Xmp)
{
    public static MetadataReport Of(RsgImageMetadata m) => new(
        m.IccProfile is { } icc ? new IccReport(icc.Length, IccDescription.Read(icc)) : null,
        m.Exif is { } exif ? new ExifReport(exif.Length, RsgImageMetadata.ExifOrientation(exif)) : null,
        m.Xmp is { } xmp ? new XmpReport(xmp.Length) : null);
}

internal sealed record IccReport(
    [property: JsonPropertyName("bytes")] int Bytes,
    [property: JsonPropertyName("description")] string? Description);

internal sealed record ExifReport(
    [property: JsonPropertyName("bytes")] int Bytes,
    [property: JsonPropertyName("orientation")] int? Orientation);

internal sealed record XmpReport(
    [property: JsonPropertyName("bytes")] int Bytes);

internal sealed record RegionReport(
    [property: JsonPropertyName("label")] int Label,
    [property: JsonPropertyName("quality")] int Quality,
    [property: JsonPropertyName("mode")] string Mode,
    [property: JsonPropertyName("pixelShare")] double? PixelShare,
    [property: JsonPropertyName("bytes")] long? Bytes,
    [property: JsonPropertyName("bits")] double? Bits,
    [property: JsonPropertyName("planeBytes")] IReadOnlyList<long>? PlaneBytes,
    [property: JsonPropertyName("name")] string? Name);

internal sealed record ChunkTypeReport(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("count")] int Count,
    [property: JsonPropertyName("bytes")] long Bytes);

internal sealed record ChunkReport(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("offset")] long Offset,
    [property: JsonPropertyName("length")] uint Length,
    [property: JsonPropertyName("bytes")] long Bytes);

[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(FileReport))]
internal sealed partial class InfoJson : JsonSerializerContext;
