namespace RegionCodec.Entropy;

/// <summary>
/// The information content of one binary decision under its adaptive context, in units of 2^-16 bit
/// (spec/rsg.md §17): a decision whose decoded value had probability q/65536 under the context, at the
/// moment it was decoded, costs round(65536 × log2(65536 / q)). Summed in integers, so any decoder that
/// tabulates the same values reproduces a file's per-region costs exactly.
/// </summary>
internal static class InformationContent
{
    /// <summary>Units per bit.</summary>
    public const int UnitsPerBit = 1 << 16;

    /// <summary>Units per byte: 2^19.</summary>
    public const long UnitsPerByte = 8L * UnitsPerBit;

    /// <summary>
    /// The cost of a decision whose decoded value had probability <paramref name="probability"/>/65536
    /// (the context's p for a 1, 65536 − p for a 0; 32 … 65504).
    /// </summary>
    public static uint Of(int probability) => Table.Costs[probability];

    /// <summary>
    /// Whole bytes from units, rounding half up: (units + 2^18) >> 19. The rounding rule of the per-region
    /// report (spec/rsg.md §17).
    /// </summary>
    public static long ToBytes(long units) => (units + (UnitsPerByte / 2)) >> 19;

    /// <summary>Built on first use only, so decoding that never measures never pays for the 256 KiB table.</summary>
    private static class Table
    {
        public static readonly uint[] Costs = Build();

        private static uint[] Build()
        {
            var costs = new uint[UnitsPerBit + 1];
            for (int q = 1; q <= UnitsPerBit; q++)
            {
                costs[q] = (uint)Math.Round(UnitsPerBit * (16 - Math.Log2(q)), MidpointRounding.AwayFromZero);
            }

            return costs;
        }
    }
}
