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

var needsIntake = builder.AddProject<Projects.NeedsIntake>("needs-intake")
    .WithPlatformDefaults(auth)
    .WithReference(needsDb).WaitFor(needsDb)
    .WithReference(messaging).WaitFor(messaging)
    .WithDeadLetterRequeue(operatorKey);

var challengeTracking = builder.AddProject<Projects.ChallengeTracking>("challenge-tracking")
    .WithPlatformDefaults(auth)
    .WithReference(challengesDb).WaitFor(challengesDb)
    .WithReference(messaging).WaitFor(messaging)
    .WithDeadLetterRequeue(operatorKey);

var reporting = builder.AddProject<Projects.Reporting>("reporting")
    .WithPlatformDefaults(auth)
    .WithReference(reportingDb).WaitFor(reportingDb)
    .WithReference(messaging).WaitFor(messaging)
    .WithDeadLetterRequeue(operatorKey)
    .WithOperatorCommand(operatorKey, "/operations/read-models/rebuild", "rebuild-read-models", "Rebuild read models",
        "Empties reporting's read models and replays every logged event into them.", "ArrowSync");

var notifications = builder.AddProject<Projects.Notifications>("notifications")
    .WithPlatformDefaults(auth)
    .WithReference(notificationsDb).WaitFor(notificationsDb)
    .WithReference(messaging).WaitFor(messaging)
    .WithDeadLetterRequeue(operatorKey);

// The registry publishes the reference actors on its first start; the services that keep what they know of actors
// from its events bind their queues when their bus starts, so the registry starts after them and no event is lost.
var actorRegistry = builder.AddProject<Projects.ActorRegistry>("actor-registry")
    .WithPlatformDefaults(auth)
    .WithReference(actorsDb).WaitFor(actorsDb)
    .WithReference(messaging).WaitFor(messaging)
    .WithDeadLetterRequeue(operatorKey)
    .WaitFor(needsIntake).WaitFor(challengeTracking).WaitFor(reporting).WaitFor(notifications);

var gateway = builder.AddProject<Projects.Gateway>("gateway")
    .WithPlatformDefaults(auth, builder.Configuration.GetValue<int?>("Gateway:Port"))
    .WithReference(actorRegistry).WaitFor(actorRegistry)
    .WithReference(needsIntake).WaitFor(needsIntake)
    .WithReference(challengeTracking).WaitFor(challengeTracking)
    .WithReference(reporting).WaitFor(reporting)
    .WithReference(notifications).WaitFor(notifications)
    .WithGatewaySettings(builder.Configuration.GetSection("Gateway"));

// The web client: the pages people work in, served by the gateway at its own address (one origin), calling the API
// through the gateway with the signed-in person's token.
var web = builder.AddProject<Projects.Web>("web")
    .WithPlatformDefaults(auth)
    .WithReference(gateway);
gateway.WithReference(web);

// Development: realistic demo data through the gateway's API, once, so a newcomer sees a living platform.
if (builder.Environment.IsDevelopment() && builder.Configuration.GetValue("DemoData:Enabled", true))
{
    builder.AddProject<Projects.DemoSeeder>("demo-seeder")
        .RunningBuildOutput()
        .WithEnvironment("DOTNET_ENVIRONMENT", builder.Environment.EnvironmentName)
        .WithEnvironment("OTEL_EXPORTER_OTLP_TIMEOUT", "1000")
        .WithReference(gateway).WaitFor(gateway);
}

builder.Build().Run();
