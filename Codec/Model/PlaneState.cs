namespace RegionCodec.Model;

/// <summary>
/// What the coefficient coder keeps for one plane of the current strip: each block's quantized levels,
/// its non-zero AC count, its dequantized DC and its region. Blocks are indexed strip-locally, row-major.
/// </summary>
internal sealed class PlaneState
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

    /// <summary>Resizes for a strip; buffers only grow, so a reused decoder stops allocating after its first strip.</summary>
    public void Prepare(int blocksWide, int blocksHigh, int pixelsPerBlock)
    {
        BlocksWide = blocksWide;
        BlocksHigh = blocksHigh;
        PixelsPerBlock = pixelsPerBlock;
        int blocks = blocksWide * blocksHigh;
        if (Region.Length < blocks)
        {
            Levels = new short[blocks * 64];
            NonZero = new byte[blocks];
            DcValue = new int[blocks];
            Region = new byte[blocks];
        }
        else
        {
            Levels.AsSpan(0, blocks * 64).Clear();
        }
    }
}
