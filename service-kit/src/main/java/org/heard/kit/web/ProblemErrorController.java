package org.heard.kit.web;

import java.io.IOException;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code /error} as problem+json, in place of Spring Boot's whitelabel controller: the answer to an error the
 * container forwards here (a {@code sendError}, an exception outside the dispatcher) keeps its status and gets fixed
 * wording; called directly, it is 404 (there is nothing at that address). Neither the exception's message nor the
 * request's URL is repeated.
 */
@RestController
@io.swagger.v3.oas.annotations.Hidden
public class ProblemErrorController implements ErrorController {

    @RequestMapping("${server.error.path:/error}")
    public void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer number ? number : 404;
        if (status < 400) {
            status = 500;
        }
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        String[] wording = Problems.wording(status);
        HttpStatus resolved = HttpStatus.resolve(status);
        if (resolved == null) {
            resolved = status >= 500 ? HttpStatus.INTERNAL_SERVER_ERROR : HttpStatus.BAD_REQUEST;
        }
        Problems.write(response, resolved, Problems.typeOf(status), wording[0], wording[1]);
    }
}
