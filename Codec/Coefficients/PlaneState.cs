using System.Buffers;

namespace RegionCodec.Coefficients;

/// <summary>
/// What the coefficient coder keeps for one plane of the current strip: each block's quantized levels,
/// its non-zero AC count, its dequantized DC and its region. Blocks are indexed strip-locally, row-major.
/// </summary>
internal sealed class PlaneState : IDisposable
{
    public PlaneState(bool isChroma) => IsChroma = isChroma;

    public bool IsChroma { get; }

    /// <summary>Blocks per row and per (this strip's) column.</summary>
    public int BlocksWide { get; private set; }

    public int BlocksHigh { get; private set; }

    /// <summary>Image pixels per block side in this plane's block grid (8, or 16 for 4:2:0 chroma).</summary>
    public int PixelsPerBlock { get; private set; }

    public short[] Levels { get; private set; } = [];

    public byte[] NonZero { get; private set; } = [];

    public int[] DcValue { get; private set; } = [];

    public byte[] Region { get; private set; } = [];

    /// <summary>Per block: 1 when it is one of the four 8x8 blocks of a 16x16 luma transform (§7.5), else 0.</summary>
    public byte[] Large { get; private set; } = [];

    /// <summary>
    /// Sizes the buffers for a strip. They come from <see cref="ArrayPool{T}"/> and only grow, so a
    /// reused instance stops renting after its first strip. Levels are cleared (the decoder fills in
    /// non-zero ones only); the other arrays are written for each block before they are read.
    /// </summary>
    public void Prepare(int blocksWide, int blocksHigh, int pixelsPerBlock)
    {
        BlocksWide = blocksWide;
        BlocksHigh = blocksHigh;
        PixelsPerBlock = pixelsPerBlock;
        int blocks = blocksWide * blocksHigh;
        if (Region.Length < blocks)
        {
            Dispose();
            Levels = ArrayPool<short>.Shared.Rent(blocks * 64);
            NonZero = ArrayPool<byte>.Shared.Rent(blocks);
            DcValue = ArrayPool<int>.Shared.Rent(blocks);
            Region = ArrayPool<byte>.Shared.Rent(blocks);
            Large = ArrayPool<byte>.Shared.Rent(blocks);
        }

        Large.AsSpan(0, blocks).Clear();

        Levels.AsSpan(0, blocks * 64).Clear();
    }

    public void Dispose()
    {
        if (Region.Length > 0)
        {
            ArrayPool<short>.Shared.Return(Levels);
            ArrayPool<byte>.Shared.Return(NonZero);
            ArrayPool<int>.Shared.Return(DcValue);
            ArrayPool<byte>.Shared.Return(Region);
            ArrayPool<byte>.Shared.Return(Large);
        }

        Levels = [];
        NonZero = [];
        DcValue = [];
        Region = [];
        Large = [];
    }
}
