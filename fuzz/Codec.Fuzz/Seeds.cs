namespace RegionCodec.Fuzz;

/// <summary>
/// Seed mode: turns .rsg files into starting inputs for a target. decode, container and imagesharp
/// take the files as they are; split prefixes a few split plans; mask and coefficients take each
/// STRP payload behind their 3 parameter bytes; alpha takes each ALPH payload behind its width and rows, lossless each LOSS payload behind its width, rows and mask byte.
/// </summary>
internal static class Seeds
{
    public static int Run(string target, string outputDirectory, IEnumerable<string> files, int maxBytes)
    {
        Directory.CreateDirectory(outputDirectory);
        int written = 0;
        foreach (string file in files.SelectMany(p => Directory.Exists(p) ? Directory.EnumerateFiles(p, "*.rsg") : [p]).Order(StringComparer.Ordinal))
        {
            byte[] data = File.ReadAllBytes(file);
            if (data.Length > maxBytes)
            {
                continue;
            }

            string stem = Path.GetFileNameWithoutExtension(file);
            foreach ((string suffix, byte[] seed) in For(target, data))
            {
                File.WriteAllBytes(Path.Combine(outputDirectory, $"{stem}{suffix}"), seed);
                written++;
            }
        }

        Console.WriteLine($"{written} seeds for '{target}' in {outputDirectory}");
        return written > 0 ? 0 : 1;
    }

    private static IEnumerable<(string, byte[])> For(string target, byte[] file)
    {
        switch (target)
        {
            case "split":
                yield return (".s1", SplitPlan.Compose(file, [1]));
                yield return (".s7-13", SplitPlan.Compose(file, [7, 13]));
                yield return (".s256-3-64", SplitPlan.Compose(file, [256, 3, 64]));
                break;
            case "mask":
            case "coefficients":
                int i = 0;
                foreach (byte[] payload in ChunkPayloads(file, "STRP"))
                {
                    byte[] seed = new byte[3 + payload.Length];
                    seed[0] = target == "mask" ? (byte)31 : (byte)7;
                    seed[1] = target == "mask" ? (byte)2 : (byte)1;
                    seed[2] = target == "mask" ? (byte)3 : (byte)75;
                    payload.CopyTo(seed, 3);
                    yield return ($".strip{i++}", seed);
                }

                break;
            case "lossless":
                int l = 0;
                foreach (byte[] payload in ChunkPayloads(file, "LOSS"))
                {
                    // The target's own mask and width differ from the file's, but the payload is a realistic start.
                    int width = file.Length >= 8 + 8 + 17 ? (int)Math.Min(256, System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(17))) : 1;
                    yield return ($".loss{l++}", [(byte)(Math.Max(1, width) - 1), 15, 0xFF, .. payload]);
                }

                break;
            case "alpha":
                int a = 0;
                foreach (byte[] payload in ChunkPayloads(file, "ALPH"))
                {
                    // Width from RHDR (clamped to the target's 256), 16 rows: the conformance files' strips fit.
                    int width = file.Length >= 8 + 8 + 17 ? (int)Math.Min(256, System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(17))) : 1;
                    yield return ($".alpha{a++}", [(byte)(Math.Max(1, width) - 1), 15, .. payload]);
                }

                break;
            default:
                yield return ("", file);
                break;
        }
    }

    /// <summary>The payloads (after the 4-byte index) of the STRP or ALPH chunks, walking the chunk framing without checks.</summary>
    private static List<byte[]> ChunkPayloads(byte[] file, string type)
    {
        var payloads = new List<byte[]>();
        foreach (RsgChunk chunk in RsgChunk.Walk(file))
        {
            if (chunk.TypeText == type && chunk.Length >= 4)
            {
                payloads.Add(chunk.DataIn(file)[4..].ToArray());
            }
        }

        return payloads;
    }
}
