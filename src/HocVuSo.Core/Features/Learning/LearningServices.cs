using Microsoft.Extensions.DependencyInjection;

namespace HocVuSo.Core.Features.Learning;

public static class LearningServices
{
    public static IServiceCollection AddLearning(this IServiceCollection services)
    {
        services.AddSingleton<PublishedCourses>();
        services.AddScoped<ImportContent.Handler>();
        services.AddScoped<ImportContentArchive.Handler>();
        services.AddScoped<GetCatalogue.Handler>();
        services.AddScoped<GetLesson.Handler>();
        services.AddScoped<CompleteLesson.Handler>();
        services.AddScoped<GetQuiz.Handler>();
        services.AddScoped<StartAttempt.Handler>();
        services.AddScoped<SubmitAttempt.Handler>();
        services.AddScoped<ListMyAttempts.Handler>();
        services.AddScoped<GetAttempt.Handler>();
        services.AddScoped<GetAttemptImage.Handler>();
        services.AddScoped<RegisterLearner.Handler>();
        services.AddScoped<LearningProgressReport.Handler>();
        services.AddScoped<StartAssistedSession.Handler>();
        services.AddScoped<EndAssistedSession.Handler>();
        services.AddScoped<ExportContent.Handler>();
        services.AddScoped<PublishLessonEdit.Handler>();
        services.AddScoped<SetCourseStatus.Handler>();
        services.AddScoped<SetCourseTestOut.Handler>();
        services.AddScoped<QuestionBankCsv.Handler>();
        services.AddScoped<ListQuestions.Handler>();
        return services;
    }
}
