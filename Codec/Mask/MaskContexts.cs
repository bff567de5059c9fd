using RegionCodec.Entropy;

namespace RegionCodec.Mask;

/// <summary>
/// Every adaptive context of the mask coder (spec/rsg.md §6), reset at the start of each strip.
/// Run ends are coded relative to a prediction in one of three context sets:
/// 0 = label copied from above, 1 = new label under a row above, 2 = no row above.
/// </summary>
internal sealed class MaskContexts
{
    public const int RunMaxBits = 25;
    public const int RunSets = 3;

    /// <summary>"label equals the label above", by what the run to the left had: 0 none, 1 same as above here, 2 other.</summary>
    public readonly BitModel[] SameAsAbove = new BitModel[3];

    /// <summary>8-bit label tree, nodes 1..255.</summary>
    public readonly BitModel[] LabelTree = new BitModel[256];

    public readonly BitModel[] RunExact = new BitModel[RunSets];
    public readonly BitModel[] RunSign = new BitModel[RunSets];
    public readonly BitModel[] RunLength = new BitModel[RunSets * RunMaxBits];
    public readonly BitModel[] RunMantissa = new BitModel[RunSets * RunMaxBits * 2];

    public MaskContexts() => Reset();

    public void Reset()
    {
        BitModel.Reset(SameAsAbove);
        BitModel.Reset(LabelTree);
        BitModel.Reset(RunExact);
        BitModel.Reset(RunSign);
        BitModel.Reset(RunLength);
        BitModel.Reset(RunMantissa);
    }
}
