namespace Overal.Channels.Bol.Internal;

/// <summary>One offer as the export lists it.</summary>
internal sealed record BolOfferRow(string OfferId, string Ean, string Reference, int StockAmount);
