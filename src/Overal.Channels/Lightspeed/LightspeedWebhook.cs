namespace Overal.Channels.Lightspeed;

/// <summary>
/// The form fields of an X-Series webhook (application/x-www-form-urlencoded): <c>type</c> (sale.update,
/// inventory.update, product.update, …), <c>payload</c> (the JSON object) and <c>domain_prefix</c>.
/// Read it with <see cref="LightspeedWebhookParser.ParseForm"/>, after <see cref="LightspeedWebhookVerifier"/>.
/// </summary>
public sealed record LightspeedWebhook(string Type, string PayloadJson, string? DomainPrefix)
{
    public const string SaleUpdate = "sale.update";

    public const string InventoryUpdate = "inventory.update";
}
