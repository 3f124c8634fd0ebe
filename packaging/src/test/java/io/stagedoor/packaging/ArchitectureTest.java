package io.stagedoor.packaging;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The module arrows of docs/architecture.md, checked on the compiled code of every module. A violation fails
 * {@code verify}. (The enforcer's banned dependencies check the same arrows one level up, in the POMs.)
 */
@AnalyzeClasses(
        packages = "io.stagedoor",
        importOptions = {ImportOption.DoNotIncludeTests.class, ArchitectureTest.ProductionCodeOnly.class})
public class ArchitectureTest {

    /** Leaves out the test helpers other modules share as {@code -tests.jar}; the rules are about the product. */
    public static final class ProductionCodeOnly implements ImportOption {
        @Override
        public boolean includes(Location location) {
            return !location.contains("-tests.jar");
        }
    }

    static final String API = "io.stagedoor.api..";
    static final String CLIENT = "io.stagedoor.client..";
    static final String MEDIA = "io.stagedoor.media..";
    static final String ENCODER = "io.stagedoor.encoder..";
    static final String SERVER = "io.stagedoor.server..";
    static final String APP = "io.stagedoor.app..";
    static final String PACKAGING = "io.stagedoor.packaging..";

    @ArchTest
    static final ArchRule everyClassLivesInItsModulesPackage = classes()
            .that()
            .resideInAPackage("io.stagedoor..")
            .should()
            .resideInAnyPackage(API, CLIENT, MEDIA, ENCODER, SERVER, APP, PACKAGING)
            .because("Java packages start with io.stagedoor.<module>");

    @ArchTest
    static final ArchRule theMediaModuleDependsOnNothingOfOurs = noClasses()
            .that()
            .resideInAPackage(MEDIA)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(API, CLIENT, ENCODER, SERVER, APP, PACKAGING)
            .because("the wire formats are shared by the encoder and the server, and know neither");

    @ArchTest
    static final ArchRule wireFormatsLiveOnceInTheMediaModule = classes()
            .that()
            .haveSimpleNameStartingWith("Amf0")
            .or()
            .haveSimpleNameStartingWith("Chunk")
            .or()
            .haveSimpleNameStartingWith("Flv")
            .or()
            .haveSimpleName("Handshake")
            .or()
            .haveSimpleName("RtmpMessage")
            .should()
            .resideInAPackage(MEDIA)
            .because("the RTMP, AMF0 and FLV codecs are written once, in media/, for the encoder and the server");

    @ArchTest
    static final ArchRule javaFxOnlyInTheApp = noClasses()
            .that()
            .resideOutsideOfPackage(APP)
            .should()
            .dependOnClassesThat()
            .resideInAPackage("javafx..")
            .because("JavaFX appears only in the desktop app");

    @ArchTest
    static final ArchRule theEncoderKnowsNothingOfTheServerOrTheApi = noClasses()
            .that()
            .resideInAPackage(ENCODER)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(API, CLIENT, SERVER, APP, PACKAGING)
            .because("the encoder depends on neither the server nor the API client");

    @ArchTest
    static final ArchRule theApiClientStandsAlone = noClasses()
            .that()
            .resideInAnyPackage(API, CLIENT)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(ENCODER, SERVER, APP, PACKAGING)
            .because("the wire contract depends on OkHttp and Jackson only");

    @ArchTest
    static final ArchRule theServerUsesOnlyTheApiRecords = noClasses()
            .that()
            .resideInAPackage(SERVER)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(CLIENT, ENCODER, APP, PACKAGING)
            .because("the server takes the JSON records from api-client, never its HTTP client, the encoder or"
                    + " the app");

    @ArchTest
    static final ArchRule nothingDependsOnTheApp = noClasses()
            .that()
            .resideOutsideOfPackages(APP, PACKAGING)
            .should()
            .dependOnClassesThat()
            .resideInAPackage(APP)
            .because("only packaging builds on the app");

    @ArchTest
    static final ArchRule nothingDependsOnPackaging = noClasses()
            .that()
            .resideOutsideOfPackage(PACKAGING)
            .should()
            .dependOnClassesThat()
            .resideInAPackage(PACKAGING);

    @ArchTest
    static final ArchRule theEncodersInternalsStayInTheEncoder = noClasses()
            .that()
            .resideOutsideOfPackage(ENCODER)
            .should()
            .dependOnClassesThat()
            .resideInAPackage("io.stagedoor.encoder.internal..")
            .because("internal packages are not API");

    @ArchTest
    static final ArchRule theAppsInternalsStayInTheApp = noClasses()
            .that()
            .resideOutsideOfPackage(APP)
            .should()
            .dependOnClassesThat()
            .resideInAPackage("io.stagedoor.app.internal..")
            .because("internal packages are not API");

    @ArchTest
    static final ArchRule serverFeaturesHaveNoCycles =
            slices().matching("io.stagedoor.server.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule appFeaturesHaveNoCycles =
            slices().matching("io.stagedoor.app.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule mediaFormatsHaveNoCycles =
            slices().matching("io.stagedoor.media.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule encoderFeaturesHaveNoCycles =
            slices().matching("io.stagedoor.encoder.(*)..").should().beFreeOfCycles();
}
