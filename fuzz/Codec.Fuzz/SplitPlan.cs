namespace RegionCodec.Fuzz;

/// <summary>
/// How the split target cuts its input. Byte 0: n = (byte 0 &amp; 7) + 1 piece sizes follow, each a byte
/// giving a piece of (byte + 1) bytes, used in turn (cycled); the file is the rest of the input.
/// </summary>
public sealed class SplitPlan
{
    private SplitPlan(int[] sizes, byte[] file)
    {
        Sizes = sizes;
        File = file;
    }

    public IReadOnlyList<int> Sizes { get; }

    public byte[] File { get; }

    public static SplitPlan Parse(byte[] input)
    {
        if (input.Length == 0)
        {
            return new SplitPlan([1], []);
        }

        int count = Math.Min((input[0] & 7) + 1, input.Length - 1);
        int[] sizes = count <= 0 ? [1] : input.AsSpan(1, count).ToArray().Select(b => b + 1).ToArray();
        return new SplitPlan(sizes, input.AsSpan(1 + Math.Max(count, 0)).ToArray());
    }

    /// <summary>The inverse of <see cref="Parse"/>: a split-target input for a file and piece sizes (1..256).</summary>
    public static byte[] Compose(ReadOnlySpan<byte> file, ReadOnlySpan<int> sizes)
    {
        if (sizes.Length is < 1 or > 8)
        {
            throw new ArgumentOutOfRangeException(nameof(sizes));
        }

        byte[] input = new byte[1 + sizes.Length + file.Length];
        input[0] = (byte)(sizes.Length - 1);
        for (int i = 0; i < sizes.Length; i++)
        {
            input[1 + i] = (byte)(Math.Clamp(sizes[i], 1, 256) - 1);
        }

        file.CopyTo(input.AsSpan(1 + sizes.Length));
        return input;
    }
}
