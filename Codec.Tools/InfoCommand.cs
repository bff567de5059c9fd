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
}

/// <summary>rsgconv info IN.rsg: header, regions (quality, share of pixels, estimated bytes), chunks.</summary>
internal sealed class InfoCommand : Command<InfoSettings>
{
    public const string RegionBytesMethod =
        "estimate: the bytes of each STRP chunk are split between the regions in proportion to their share of the mask cells of that strip";

    public override int Execute(CommandContext context, InfoSettings settings, CancellationToken cancellationToken)
    {
        byte[] data = Errors.About(settings.Input, () => ImageIo.ReadAll(settings.Input, cancellationToken));
        RsgDecoderOptions limits = settings.DecoderOptions();
        Errors.About(settings.Input, () => NotAnRsgFile.ThrowIfOtherFormat(data));
        FileReport report = Errors.About(settings.Input, () => Analyze(settings.Input == "-" ? "-" : settings.Input, data, cancellationToken, limits));
        if (settings.Json)
        {
            Console.Out.WriteLine(JsonSerializer.Serialize(report, InfoJson.Default.FileReport));
            return ExitCodes.Ok;
        }

        var text = new StringBuilder();
        text.AppendLine($"{(settings.Input == "-" ? "<stdin>" : settings.Input)}: {report.Width}x{report.Height} {report.ColorModel}"
            + (report.Subsampling is null ? string.Empty : $" {report.Subsampling}")
            + $", {report.FileBytes} bytes ({report.BitsPerPixel:F3} bpp), mask cell {report.MaskCellSize}px, {report.StripCount} strip(s) of {report.StripHeight} rows, "
            + $"{report.QuantizationTables} tables, deblocking {(report.Deblocking ? "on" : "off")}, alpha: {(report.Alpha ? "yes" : "no")}");
        text.AppendLine($"  regions ({report.Regions.Count}):   quality  mode     pixels   bytes (est.)  name");
        foreach (RegionReport r in report.Regions)
        {
            text.AppendLine($"    {r.Label,3}               {r.Quality,3}  {r.Mode,-6}  {r.PixelShare * 100,6:F1}%  {r.EstimatedBytes,8}  ({(report.FileBytes == 0 ? 0 : 100.0 * r.EstimatedBytes / report.FileBytes),4:F1}%)  {r.Name ?? "-"}");
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
        text.Append("  (region bytes are an " + RegionBytesMethod + "; chunk bytes include the 12 bytes of length, type and CRC)");
        Console.Out.WriteLine(text.ToString());
        return ExitCodes.Ok;
    }

    public static FileReport Analyze(string name, byte[] data, CancellationToken cancellationToken, RsgDecoderOptions? limits = null)
    {
        // Decoding validates everything (CRCs, chunk order, payloads) and gives the label map.
        RsgImage image = RsgDecoder.Decode(data, limits, cancellationToken);
        RsgImageInfo info = image.Info;
        List<ChunkReport> chunks = ReadChunks(data);

        RsgLabelMap labels = image.Labels;
        int regionCount = info.Regions.Count, cell = labels.CellSize;
        var pixels = new long[regionCount];
        var bytes = new double[regionCount];
        var stripCells = new long[regionCount];
        var strips = chunks.Where(c => c.Type == "STRP").ToList();
        for (int s = 0; s < strips.Count; s++)
        {
            int top = s * info.StripHeight, bottom = Math.Min(info.Height, top + info.StripHeight);
            int maskTop = top / cell, maskBottom = (bottom + cell - 1) / cell;
            Array.Clear(stripCells);
            long total = 0;
            for (int my = maskTop; my < maskBottom && my < labels.Height; my++)
            {
                int rows = Math.Min(info.Height, (my + 1) * cell) - (my * cell);
                for (int mx = 0; mx < labels.Width; mx++)
                {
                    int cols = Math.Min(info.Width, (mx + 1) * cell) - (mx * cell);
                    byte l = labels.Labels[(my * labels.Width) + mx];
                    if (l < regionCount)
                    {
                        stripCells[l]++;
                        pixels[l] += (long)rows * cols;
                        total++;
                    }
                }
            }

            for (int l = 0; l < regionCount && total > 0; l++)
            {
                bytes[l] += (double)strips[s].Bytes * stripCells[l] / total;
            }
        }

        long imagePixels = (long)info.Width * info.Height;
        var regions = new List<RegionReport>();
        for (int l = 0; l < regionCount; l++)
        {
            regions.Add(new RegionReport(l, info.Regions[l].Quality, info.Regions[l].Mode.ToString(), Math.Round((double)pixels[l] / imagePixels, 4), (long)Math.Round(bytes[l]),
                info.Regions[l].Name));
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
            RegionBytesMethod,
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
    [property: JsonPropertyName("regionBytesMethod")] string RegionBytesMethod,
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
    [property: JsonPropertyName("pixelShare")] double PixelShare,
    [property: JsonPropertyName("estimatedBytes")] long EstimatedBytes,
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
