using Platform.Web;

var builder = WebApplication.CreateBuilder(args);
builder.AddBasicServiceDefaults();
builder.AddWebServices();

var app = builder.Build();
app.UseWeb();
app.Run();

/// <summary>Entry point, visible to tests.</summary>
public partial class Program;
