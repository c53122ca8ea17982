using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;

namespace Platform.AppHost.Tests;

/// <summary>
/// The services start from their build output, not through <c>dotnet run</c> (which evaluates each project with
/// MSBuild on every start); the lifecycle test starts them that way.
/// </summary>
public sealed class ProjectLaunchTests
{
    [Fact]
    public async Task Every_service_runs_its_build_output_with_dotnet()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
            ["Infrastructure:Mode=local", "Gateway:Port=0"], (_, settings) => settings.EnvironmentName = "Development", cancellationToken);

        var projects = builder.Resources.OfType<ProjectResource>().ToList();
        Assert.Equal(["needs-intake", "challenge-tracking", "reporting", "notifications", "actor-registry", "gateway", "web", "demo-seeder"], projects.Select(p => p.Name));
        foreach (var project in projects)
        {
            Assert.True(project.TryGetLastAnnotation<ExecutableAnnotation>(out var executable), project.Name);
            Assert.Equal("dotnet", executable.Command);
            var projectPath = project.GetProjectMetadata().ProjectPath;
            Assert.Equal(Path.GetDirectoryName(projectPath), executable.WorkingDirectory);

            var arguments = new List<object>();
            foreach (var callback in project.Annotations.OfType<CommandLineArgsCallbackAnnotation>())
            {
                await callback.Callback(new CommandLineArgsCallbackContext(arguments, project, cancellationToken));
            }

            var assembly = Assert.IsType<string>(Assert.Single(arguments));
            Assert.Equal(Path.GetFileNameWithoutExtension(projectPath) + ".dll", Path.GetFileName(assembly));
            Assert.True(File.Exists(assembly), assembly);
        }
    }
}
