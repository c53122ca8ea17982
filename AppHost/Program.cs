using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Configuration;
using Platform.AppHost;
using Platform.AppHost.Infrastructure;

var builder = DistributedApplication.CreateBuilder(args);

var infrastructure = PlatformInfrastructure.Add(builder);
var messaging = infrastructure.Messaging;
var actorsDb = infrastructure.AddDatabase("actorsdb");
var needsDb = infrastructure.AddDatabase("needsdb");
var challengesDb = infrastructure.AddDatabase("challengesdb");
var reportingDb = infrastructure.AddDatabase("reportingdb");
var notificationsDb = infrastructure.AddDatabase("notificationsdb");

// Only PostgreSQL and RabbitMQ: for running a service from an IDE, and for the messaging building block's tests.
if (builder.Configuration.GetValue("Infrastructure:Only", false))
{
    builder.Build().Run();
    return;
}

var auth = PlatformAuthentication.Configure(builder);

// The operator's dashboard commands authenticate to the services with a key only the AppHost and they know.
var operatorKey = builder.AddParameter("operator-key", new GenerateParameterDefault { MinLength = 32, Special = false }, secret: true);

// Platform:Replicas instances of every service and of the gateway (docs: README, "Several instances").
var replicas = PlatformService.ReplicasFrom(builder.Configuration);
var queueType = builder.Configuration["Messaging:QueueType"];

PlatformService AddService<TProject>(string name, IResourceBuilder<IResourceWithConnectionString> database)
    where TProject : IProjectMetadata, new() =>
    PlatformService.Add<TProject>(builder, name, replicas, (service, _) => service
        .WithPlatformDefaults(auth)
        .WithReference(database).WaitFor(database)
        .WithBroker(messaging, queueType)
        .WithDeadLetterRequeue(operatorKey));

var needsIntake = AddService<Projects.NeedsIntake>("needs-intake", needsDb);
var challengeTracking = AddService<Projects.ChallengeTracking>("challenge-tracking", challengesDb);
var reporting = AddService<Projects.Reporting>("reporting", reportingDb)
    .Configure(service => service.WithOperatorCommand(operatorKey, "/operations/read-models/rebuild", "rebuild-read-models", "Rebuild read models",
        "Empties reporting's read models and replays every logged event into them.", "ArrowSync"));
var notifications = AddService<Projects.Notifications>("notifications", notificationsDb);

// The registry publishes the reference actors on its first start; the services that keep what they know of actors
// from its events bind their queues when their bus starts, so the registry starts after them and no event is lost.
var actorRegistry = AddService<Projects.ActorRegistry>("actor-registry", actorsDb)
    .WaitFor(needsIntake).WaitFor(challengeTracking).WaitFor(reporting).WaitFor(notifications);

var gatewayPort = builder.Configuration.GetValue<int?>("Gateway:Port");
var gateway = PlatformService.Add<Projects.Gateway>(builder, "gateway", replicas, (instance, index) => instance
        // The configured port is the first instance's; the others take free ones.
        .WithPlatformDefaults(auth, index == 0 ? gatewayPort : null)
        .WithGatewaySettings(builder.Configuration.GetSection("Gateway")))
    .WithReference(actorRegistry).WaitFor(actorRegistry)
    .WithReference(needsIntake).WaitFor(needsIntake)
    .WithReference(challengeTracking).WaitFor(challengeTracking)
    .WithReference(reporting).WaitFor(reporting)
    .WithReference(notifications).WaitFor(notifications);

// The web client: the pages people work in, served by the gateway at its own address (one origin), calling the API
// through the gateway with the signed-in person's token. The gateway keeps each browser on one of its instances.
var web = PlatformService.Add<Projects.Web>(builder, "web", replicas, (instance, _) => instance.WithPlatformDefaults(auth))
    .WithReference(gateway);
gateway.WithReference(web);

// Development: realistic demo data through the gateway's API, once, so a newcomer sees a living platform.
if (builder.Environment.IsDevelopment() && builder.Configuration.GetValue("DemoData:Enabled", true))
{
    builder.AddProject<Projects.DemoSeeder>("demo-seeder")
        .RunningBuildOutput()
        .WithEnvironment("DOTNET_ENVIRONMENT", builder.Environment.EnvironmentName)
        .WithEnvironment("OTEL_EXPORTER_OTLP_TIMEOUT", "1000")
        .WithReference(gateway.Instances[0]).WaitFor(gateway.Instances[0]);
}

builder.Build().Run();
