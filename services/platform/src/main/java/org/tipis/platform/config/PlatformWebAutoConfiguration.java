package org.tipis.platform.config;

import java.util.List;
import java.util.Map;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.tipis.platform.caller.Caller;
import org.tipis.platform.caller.CallerArgumentResolver;
import org.tipis.platform.problem.ProblemAdvice;
import org.tipis.platform.problem.ProblemErrorController;
import org.tipis.platform.requestid.RequestIdFilter;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;

/** Request ids, problems for every error, and the {@link org.tipis.platform.caller.Caller} parameter. */
@AutoConfiguration(beforeName = "org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class PlatformWebAutoConfiguration {

    @Bean
    FilterRegistrationBean<RequestIdFilter> requestIdFilter() {
        FilterRegistrationBean<RequestIdFilter> registration = new FilterRegistrationBean<>(new RequestIdFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.setName("requestIdFilter");
        return registration;
    }

    /** JSON bodies of the API are small; file uploads declare their own paths and limits. */
    @Bean
    FilterRegistrationBean<org.tipis.platform.problem.BodySizeLimitFilter> bodySizeLimitFilter(
            org.springframework.core.env.Environment env, org.tipis.platform.problem.ProblemResponseWriter writer) {
        long limit = org.springframework.util.unit.DataSize.parse(env.getProperty("tipis.http.max-body-size", "1MB"))
                .toBytes();
        List<String> exempt = List.of(env.getProperty("tipis.http.large-body-paths", String[].class, new String[0]));
        FilterRegistrationBean<org.tipis.platform.problem.BodySizeLimitFilter> registration = new FilterRegistrationBean<>(
                new org.tipis.platform.problem.BodySizeLimitFilter(limit, exempt, writer));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        registration.setName("bodySizeLimitFilter");
        return registration;
    }

    @Bean
    @ConditionalOnMissingBean
    ProblemAdvice problemAdvice(org.springframework.context.MessageSource messages) {
        return new ProblemAdvice(messages);
    }

    @Bean
    @ConditionalOnMissingBean(org.springframework.boot.webmvc.error.ErrorController.class)
    ProblemErrorController problemErrorController() {
        return new ProblemErrorController();
    }

    @Bean
    WebMvcConfigurer callerArgumentResolverConfigurer() {
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new CallerArgumentResolver());
            }
        };
    }

    /** The OpenAPI document of a service: reached through the gateway, with bearer tokens from Keycloak. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({OpenAPI.class, SpringDocUtils.class})
    static class OpenApiConfiguration {

        static {
            // the caller comes from the token, never from the request
            SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
        }

        private static final Map<String, String> COMMON_PROBLEMS = Map.of(
                "401", "No valid access token", "403", "Not allowed for this caller",
                "429", "Over the caller's rate limit", "500", "Unexpected error (quote the traceId)");

        @Bean
        @ConditionalOnMissingBean
        OpenAPI tipisOpenApi(org.springframework.core.env.Environment env) {
            String name = env.getProperty("spring.application.name", "tipis");
            return new OpenAPI()
                    .info(new Info().title("TIPIS " + name).version("v1")
                            .description("Served through the gateway; every path needs a bearer token from the "
                                    + "Keycloak realm 'tip' with audience 'tip-api'. Errors are RFC 9457 problems "
                                    + "(docs/api/problems.md)."))
                    .servers(List.of(new Server().url("/").description("the TIPIS gateway")))
                    .components(new Components()
                            .addSecuritySchemes("bearer", new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                    .scheme("bearer").bearerFormat("JWT")))
                    .addSecurityItem(new SecurityRequirement().addList("bearer"));
        }

        /** Every operation may answer these problems; operations list their own 400/404/409/412 themselves. */
        @Bean
        OpenApiCustomizer tipisCommonProblems() {
            return openApi -> {
                if (openApi.getPaths() == null || openApi.getPaths().isEmpty()) {
                    return;
                }
                if (openApi.getComponents() == null) {
                    openApi.setComponents(new Components());
                }
                openApi.getComponents().addSchemas("Problem", problemSchema());
                openApi.getPaths().values().forEach(item -> item.readOperations().forEach(operation -> {
                    ApiResponses responses = operation.getResponses();
                    COMMON_PROBLEMS.forEach((status, description) -> {
                        if (!responses.containsKey(status)) {
                            responses.addApiResponse(status, new ApiResponse().description(description)
                                    .content(new Content().addMediaType("application/problem+json",
                                            new MediaType().schema(new Schema<>().$ref("#/components/schemas/Problem")))));
                        }
                    });
                }));
            };
        }

        @SuppressWarnings({"rawtypes", "unchecked"})
        private static Schema problemSchema() {
            Schema error = new ObjectSchema().description("one offending field or row")
                    .addProperty("pointer", new StringSchema().description("JSON pointer, /query/<name> or /rows/<n>/<column>"))
                    .addProperty("code", new StringSchema().description("stable rule code"))
                    .addProperty("message", new StringSchema().description("in the caller's language"));
            return new ObjectSchema().description("RFC 9457 problem")
                    .addProperty("type", new StringSchema().example("/problems/validation-failed"))
                    .addProperty("title", new StringSchema())
                    .addProperty("status", new IntegerSchema())
                    .addProperty("detail", new StringSchema())
                    .addProperty("instance", new StringSchema())
                    .addProperty("code", new StringSchema())
                    .addProperty("traceId", new StringSchema())
                    .addProperty("errors", new ArraySchema().items(error));
        }
    }
}
