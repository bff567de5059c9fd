namespace RegionCodec.ConformanceGenerator;

/// <summary>Renders spec/conformance/README.md from the manifest, so the two never disagree.</summary>
internal static class ConformanceReadme
{
    private const string Introduction = @"# Conformance files for .rsg version 2

A decoder conforms when it decodes every file in `valid/` to exactly the pixels and labels listed
here, and rejects every file in `invalid/` with the rule its name starts with (`R02-...` must be
rejected under rule R2 of `../rsg.md` §11; the error a decoder *reports* may use its own words).

## How to check a decoder

For each line of `manifest.txt` that starts with `valid/`:

1. Decode the file. Lay the decoded pixels out row by row with no padding: 1 byte per pixel (gray,
   `Gray8`), 3 bytes R, G, B per pixel (`Rgb24`), or for files with an alpha plane 2 bytes gray, alpha
   (`GrayAlpha16`) or 4 bytes R, G, B, A (`Rgba32`) per pixel.
2. The SHA-256 of those bytes must equal `pixels-sha256`.
3. Lay the decoded label map out the same way (one byte per mask cell, ceil(width / cell) cells per
   row, ceil(height / cell) rows); its SHA-256 must equal `labels-sha256`.

4. A decoder that reads metadata (`../rsg.md` §3.3, §4.8–§4.11) must report exactly what the four
   metadata fields say; one that does not may skip this step, but must still decode the pixels:
   * `icc-sha256`, `exif-sha256`, `xmp-sha256`: the SHA-256 of the ICC profile, EXIF and XMP bytes
     it reports (the chunk data verbatim), or `absent` when it must report none;
   * `names`: `absent` when it must report no region names (no well-formed `rNAM` in its place, or
     one whose names are all empty), else a JSON array (RFC 8259) with one
     element per label 0 … region_count − 1: the name as a string, or `null` for an unnamed label
     (`name_length` 0). The array holds no space: inside strings every character outside printable
     ASCII 0x21–0x7E, and `""` and `\`, is written as a `\uxxxx` escape (four lowercase hex digits) of its UTF-16 code units
     (two escapes, a surrogate pair, above U+FFFF), so any JSON parser reads the names back.

`expected/NAME.png` is the same decoded image as a PNG, for looking at and for diffing. For each line
that starts with `invalid/`, decoding must fail; the second field names the rule.

Manifest line format: `PATH WIDTHxHEIGHT FORMAT FILE_BYTES pixels-sha256=HEX labels-sha256=HEX
icc-sha256=HEX|absent exif-sha256=HEX|absent xmp-sha256=HEX|absent names=JSON|absent # description`
(one line) or `PATH RULE ERROR_NAME # description`.

## How the files were made

All files come from `tools/Codec.ConformanceGenerator` (run from the repository root):

    dotnet run -c Release --project tools/Codec.ConformanceGenerator -- ../shared/images spec/conformance

It encodes crops of real photographs (Kodak images 1-8, 11, 12 and 23; scikit-image's astronaut and
camera; files 40-46 carry the ICC profile of scikit-image's astronaut.png; for the alpha files, the RGBA cut-outs
`tests/Codec.Tests/TestData/kodim23-cutout.png` and `kodim04-cutout.png`, GrabCut mattes with feathered edges made by
`bench/Codec.Benchmarks alpha --test-data`; for the lossless files 50-54, crops of the GB82-SC screenshots gmessages, graph
and gui (CC0) and scikit-image's text) with this repository's encoder at the listed settings, decodes each result with this
repository's decoder to compute the hashes, and builds the invalid files by editing valid ones (each
edit is described below). The generator refuses to write an invalid file unless this decoder rejects
it with the named rule. `--trace FILE` prints every binary decision of a one-block gray file; the
worked example in `../rsg.md` §14 comes from it.

";

    private const string Coverage = "Coverage: gray and RGB; 4:2:0 and 4:4:4; sizes 1x1, 7x5, 17x13, 1x2000, 2000x1, 256x256, 512x768 and a 2304x1536 (3.5 megapixel) photograph; 1 region and 255 regions; per-pixel masks and mask cells of 2, 4 and 8 pixels (the default one-region map uses 8x8 cells); qualities 1 and 100; DC-only regions (mixed and whole-image); ancillary chunks to skip; one and many strips; alpha planes (RGBA and gray + alpha; opaque but stored, all zero, feathered photograph cut-outs, a soft gradient, one ALPH chunk per strip over many strips); lossless regions (a screenshot's text beside DCT, whole-image RGB, gray and RGBA, lossless with DC-only and DCT in 4-pixel cells; STRP, LOSS, ALPH per strip); each metadata chunk alone and all four together, names in 1- to 4-byte UTF-8 and unnamed labels, and the metadata chunks a decoder must ignore (duplicate, before RTAB or after a strip, malformed).";

    public static string Render(IReadOnlyList<string> manifest)
    {
        var text = new System.Text.StringBuilder(Introduction.ReplaceLineEndings("\n"));
        text.Append("## Valid files\n\n| file | size | output | bytes | what it exercises |\n|---|---|---|--:|---|\n");
        foreach (string line in manifest.Where(l => l.StartsWith("valid/", StringComparison.Ordinal)))
        {
            string[] f = line.Split(' ');
            text.Append($"| `{f[0]}` | {f[1]} | {f[2]} | {f[3]} | {Description(line)} |\n");
        }

        text.Append($"\n{Coverage}\n\n## Invalid files\n\n| file | rule | what is wrong |\n|---|---|---|\n");
        foreach (string line in manifest.Where(l => l.StartsWith("invalid/", StringComparison.Ordinal)))
        {
            string[] f = line.Split(' ');
            text.Append($"| `{f[0]}` | {f[1]} {f[2]} | {Description(line)} |\n");
        }

        return text.ToString();
    }

    private static string Description(string line) => line[(line.IndexOf("# ", StringComparison.Ordinal) + 2)..];
}
