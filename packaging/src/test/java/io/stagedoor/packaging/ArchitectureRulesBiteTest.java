package io.stagedoor.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import io.stagedoor.encoder.FileEncode;
import io.stagedoor.encoder.archfixture.EncoderThatAsksTheServer;
import io.stagedoor.media.amf0.Amf0;
import io.stagedoor.media.archfixture.MediaThatAsksTheServer;
import io.stagedoor.misc.Stray;
import io.stagedoor.server.StagedoorServer;
import io.stagedoor.server.archfixture.ServerThatCallsItself;
import io.stagedoor.server.archfixture.ServerThatShowsAWindow;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each architecture rule, shown a class that breaks it (test fixtures named like the modules they pretend to be
 * in) and a class that keeps it, so that a rule which could never fail would be noticed.
 */
class ArchitectureRulesBiteTest {

    static Stream<Arguments> rulesAndOffenders() {
        return Stream.of(
                Arguments.of(
                        "javaFxOnlyInTheApp",
                        ArchitectureTest.javaFxOnlyInTheApp,
                        ServerThatShowsAWindow.class,
                        StagedoorServer.class),
                Arguments.of(
                        "theServerUsesOnlyTheApiRecords",
                        ArchitectureTest.theServerUsesOnlyTheApiRecords,
                        ServerThatCallsItself.class,
                        StagedoorServer.class),
                Arguments.of(
                        "theEncoderKnowsNothingOfTheServerOrTheApi",
                        ArchitectureTest.theEncoderKnowsNothingOfTheServerOrTheApi,
                        EncoderThatAsksTheServer.class,
                        FileEncode.class),
                Arguments.of(
                        "theMediaModuleDependsOnNothingOfOurs",
                        ArchitectureTest.theMediaModuleDependsOnNothingOfOurs,
                        MediaThatAsksTheServer.class,
                        Amf0.class),
                Arguments.of(
                        "wireFormatsLiveOnceInTheMediaModule",
                        ArchitectureTest.wireFormatsLiveOnceInTheMediaModule,
                        io.stagedoor.encoder.archfixture.Amf0.class,
                        Amf0.class),
                Arguments.of(
                        "everyClassLivesInItsModulesPackage",
                        ArchitectureTest.everyClassLivesInItsModulesPackage,
                        Stray.class,
                        StagedoorServer.class));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rulesAndOffenders")
    void catchesAnOffenderAndPassesTheRealCode(String name, ArchRule rule, Class<?> offender, Class<?> compliant) {
        var importer = new ClassFileImporter();

        assertThat(rule.evaluate(importer.importClasses(offender)).hasViolation())
                .as(name + " flags " + offender.getSimpleName())
                .isTrue();
        assertThat(rule.evaluate(importer.importClasses(compliant)).hasViolation())
                .as(name + " accepts " + compliant.getSimpleName())
                .isFalse();
    }
}
