using System.Globalization;

namespace RegionCodec.Benchmarks;

/// <summary>A lossless coder of the screen-content table: how many bytes it needs for one PNG.</summary>
internal sealed record LosslessCodec(string Id, string Label, string Command, Func<string, string, long> Bytes);

/// <summary>
/// The lossless peers of the screen-content section. Each entry maps a name (for <c>--lossless-codecs</c>) to a
/// command; add a column by adding an entry. <c>rsg-lossless</c> calls <c>rsgconv encode --lossless</c> and is
/// only run when named, since the option arrives with the lossless region mode.
/// </summary>
internal static class LosslessCodecs
{
    public const string Defaults = "png,webp-lossless,jxl-lossless";

    /// <summary>The named coders whose tools are on PATH (others are reported in <paramref name="notes"/>).</summary>
    public static List<LosslessCodec> Create(IEnumerable<string> ids, string rsgconv, List<string> notes)
    {
        string? cwebp = ExternalTools.FindOnPath("cwebp"), cjxl = ExternalTools.FindOnPath("cjxl"), dotnet = ExternalTools.FindOnPath("dotnet");
        var list = new List<LosslessCodec>();
        foreach (string id in ids)
        {
            LosslessCodec? codec = id switch
            {
                "png" => new LosslessCodec(id, "PNG (file as given)", "the input PNG's own size", (png, _) => FileBytes(png)),
                "webp-lossless" when cwebp is not null => new LosslessCodec(id, "WebP lossless", "cwebp -lossless -z 6", (png, work) =>
                    Encode(work, "webp", o => ExternalTools.Run(cwebp, "-quiet", "-lossless", "-z", "6", png, "-o", o))),
                "jxl-lossless" when cjxl is not null => new LosslessCodec(id, "JPEG XL lossless", "cjxl -d 0 -e 7", (png, work) =>
                    Encode(work, "jxl", o => ExternalTools.Run(cjxl, "-d", "0", "-e", "7", "--num_threads=1", png, o))),
                "rsg-lossless" when dotnet is not null && File.Exists(rsgconv) => new LosslessCodec(id, ".rsg --lossless", "rsgconv encode --lossless", (png, work) =>
                    Encode(work, "rsg", o => ExternalTools.Run(dotnet, rsgconv, "encode", "--lossless", "-f", png, o))),
                _ => null,
            };
            if (codec is null)
            {
                notes.Add($"Lossless column {id}: unknown or its tool is missing (cwebp, cjxl, dotnet + {rsgconv}); skipped.");
                continue;
            }

            list.Add(codec);
        }

        return list;
    }

    /// <summary>The size of the file itself, also when the path is a symbolic link (FileInfo.Length gives the link's).</summary>
    private static long FileBytes(string path)
    {
        using FileStream stream = File.OpenRead(path);
        return stream.Length;
    }

    private static long Encode(string work, string extension, Action<string> run)
    {
        string output = Path.Combine(work, "lossless-" + Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture) + "." + extension);
        run(output);
        long bytes = new FileInfo(output).Length;
        File.Delete(output);
        return bytes;
    }
}
